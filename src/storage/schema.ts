// The drizzle schema: every table carries workspace_id (except the global
// accounts tables: users, sessions, and login_attempts, which precede any
// workspace, and stream_cursors, which belongs to the deployment), and migrations are generated from this file by drizzle-kit
// (`npm run db:generate`). Order is important: add new tables at the end.
import { sql } from 'drizzle-orm';
import {
  pgTable,
  uuid,
  text,
  timestamp,
  jsonb,
  integer,
  real,
  boolean,
  primaryKey,
  index,
  uniqueIndex,
  check,
  doublePrecision,
  bigint,
  customType,
} from 'drizzle-orm/pg-core';

/** A message key and its parameters as stored (core/messages.ts; checked when read back). */
type StoredProblem = { key: string; params?: Record<string, string | number | { fr: string; en: string }> };

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Raw bytes (an import's stored upload, ADR 0290); its repository writes and reads them as base64. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength)),
});

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    locale: text('locale').notNull().default('fr'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`)],
);

export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  createdAt: ts('created_at').notNull(),
});

export const memberships = pgTable(
  'memberships',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['owner', 'editor', 'viewer'] }).notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.userId] }),
    index('memberships_user_idx').on(t.userId),
    check('memberships_role_check', sql`${t.role} in ('owner', 'editor', 'viewer')`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** SHA-256 (hex) of the cookie value; the value itself is never stored. */
    tokenHash: text('token_hash').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: ts('created_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role', { enum: ['owner', 'editor', 'viewer'] }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    acceptedAt: ts('accepted_at'),
  },
  (t) => [index('invitations_workspace_idx').on(t.workspaceId)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    role: text('role', { enum: ['owner', 'editor', 'viewer'] }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    lastUsedAt: ts('last_used_at'),
    createdAt: ts('created_at').notNull(),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId), index('api_tokens_workspace_idx').on(t.workspaceId)],
);

export const brandProfiles = pgTable('brand_profiles', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  services: jsonb('services').$type<string[]>().notNull().default([]),
  knowHow: jsonb('know_how').$type<string[]>().notNull().default([]),
  differentiators: jsonb('differentiators').$type<string[]>().notNull().default([]),
  values: jsonb('values').$type<string[]>().notNull().default([]),
  toneOfVoice: text('tone_of_voice').notNull().default(''),
  keywords: jsonb('keywords').$type<string[]>().notNull().default([]),
  competitors: jsonb('competitors').$type<string[]>().notNull().default([]),
  networks: jsonb('networks').$type<string[]>().notNull().default([]),
  updatedAt: ts('updated_at').notNull(),
});

/** Login attempts for rate limiting; in the database so that every replica sees them. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    succeeded: boolean('succeeded').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [index('login_attempts_email_idx').on(t.email, t.at), index('login_attempts_ip_idx').on(t.ip, t.at)],
);

export const sources = pgTable(
  'sources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['rss', 'mastodon', 'bluesky', 'hackernews', 'reddit', 'import'] }).notNull(),
    name: text('name').notNull(),
    url: text('url'),
    config: jsonb('config').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status', { enum: ['active', 'paused', 'disabled'] }).notNull().default('active'),
    lastSuccessAt: ts('last_success_at'),
    lastError: text('last_error'),
    /** The last error's message key and parameters (ADR 0250); null on rows written before, whose text is shown as is. */
    lastErrorProblem: jsonb('last_error_problem').$type<StoredProblem>(),
    lastErrorAt: ts('last_error_at'),
    errorCount: integer('error_count').notNull().default(0),
    createdAt: ts('created_at').notNull(),
    // Fetch state (ADR 0060): saved only with, or after, the mentions it covers.
    etag: text('etag'),
    lastModified: text('last_modified'),
    cursor: text('cursor'),
    /** Seconds between two fetches. */
    fetchIntervalSeconds: integer('fetch_interval_seconds').notNull().default(900),
    /** When the scheduler should fetch next; null: as soon as possible. */
    nextFetchAt: ts('next_fetch_at'),
    /** Why the source was disabled (410, repeated parse errors). */
    disabledReason: text('disabled_reason'),
    disabledReasonProblem: jsonb('disabled_reason_problem').$type<StoredProblem>(),
  },
  (t) => [index('sources_workspace_idx').on(t.workspaceId), index('sources_due_idx').on(t.status, t.nextFetchAt)],
);

export const mentions = pgTable(
  'mentions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    sourceId: uuid('source_id').references(() => sources.id, { onDelete: 'set null' }),
    network: text('network', { enum: ['rss', 'mastodon', 'bluesky', 'hackernews', 'reddit', 'import'] }).notNull(),
    externalId: text('external_id').notNull(),
    url: text('url'),
    authorHandle: text('author_handle').notNull(),
    authorName: text('author_name'),
    authorUrl: text('author_url'),
    authorAvatarUrl: text('author_avatar_url'),
    text: text('text').notNull(),
    html: text('html'),
    title: text('title'),
    links: jsonb('links').$type<string[]>().notNull().default([]),
    hashtags: jsonb('hashtags').$type<string[]>().notNull().default([]),
    mentionedHandles: jsonb('mentions').$type<string[]>().notNull().default([]),
    declaredLang: text('declared_lang'),
    lang: text('lang').notNull().default('und'),
    sentimentLabel: text('sentiment_label', { enum: ['positive', 'neutral', 'negative'] }),
    sentimentScore: real('sentiment_score'),
    matchedQueries: jsonb('matched_queries').$type<string[]>().notNull().default([]),
    publishedAt: ts('published_at').notNull(),
    fetchedAt: ts('fetched_at').notNull(),
    inReplyTo: text('in_reply_to'),
    threadRoot: text('thread_root'),
    metrics: jsonb('metrics').$type<Record<string, number>>().notNull().default({}),
    /** Hash of the folded text, to spot the same text arriving through another source (ADR 0061). */
    textHash: text('text_hash'),
    /** The earlier mention, from another source of the workspace, carrying the same text. */
    nearDuplicateOf: uuid('near_duplicate_of'),
  },
  (t) => [
    uniqueIndex('mentions_dedup_key').on(t.workspaceId, t.network, t.externalId),
    index('mentions_workspace_text_hash_idx').on(t.workspaceId, t.textHash),
    index('mentions_workspace_published_idx').on(t.workspaceId, t.publishedAt.desc(), t.id.desc()),
    index('mentions_workspace_source_idx').on(t.workspaceId, t.sourceId),
  ],
);

export const queries = pgTable(
  'queries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['brand', 'competitor', 'trade'] }).notNull(),
    text: text('text').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('queries_workspace_idx').on(t.workspaceId)],
);

/**
 * Alerts (ADR 0160): one row per episode. `episodeKey` is the detector's stable key
 * (`kind:subject:start`), unique per workspace, so re-evaluating an episode updates its row.
 */
export const alerts = pgTable(
  'alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['volume-spike', 'negative-spike', 'watched-author', 'reply-overdue'] }).notNull(),
    /** What the episode is about: a query id, a watched handle, or `inbox`. */
    subject: text('subject').notNull(),
    episodeKey: text('episode_key').notNull(),
    severity: text('severity', { enum: ['info', 'warning', 'critical'] }).notNull(),
    status: text('status', { enum: ['open', 'acknowledged', 'resolved'] }).notNull().default('open'),
    startedAt: ts('started_at').notNull(),
    endedAt: ts('ended_at'),
    peakAt: ts('peak_at').notNull(),
    firstSeenAt: ts('first_seen_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull(),
    /** The detector's message key and parameters, and its rendering in French and English. */
    evidence: jsonb('evidence').$type<Record<string, unknown>>().notNull(),
    statusChangedAt: ts('status_changed_at'),
    statusChangedBy: uuid('status_changed_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('alerts_workspace_episode_key').on(t.workspaceId, t.episodeKey),
    index('alerts_workspace_status_idx').on(t.workspaceId, t.status, t.lastSeenAt.desc()),
    check('alerts_status_check', sql`${t.status} in ('open', 'acknowledged', 'resolved')`),
  ],
);

/** The workspace's watch list: authors whose mentions of the brand raise an alert. */
export const watchedAuthors = pgTable(
  'watched_authors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    network: text('network', { enum: ['rss', 'mastodon', 'bluesky', 'hackernews', 'reddit', 'import'] }).notNull(),
    /** As written by the user; compared case-folded without the leading `@`. */
    handle: text('handle').notNull(),
    role: text('role').notNull().default(''),
    priority: text('priority', { enum: ['normal', 'high'] }).notNull().default('normal'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('watched_authors_workspace_handle_key').on(t.workspaceId, t.network, sql`lower(${t.handle})`)],
);

/** Alert settings of a workspace; a workspace without a row uses the defaults. */
export const alertSettings = pgTable('alert_settings', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  /** A mention that needs an answer is overdue after this many hours. */
  replyTargetHours: integer('reply_target_hours').notNull().default(24),
  /** The brand's own accounts: their replies answer a mention, and mentions of them need an answer. */
  ownHandles: jsonb('own_handles').$type<string[]>().notNull().default([]),
  updatedAt: ts('updated_at').notNull(),
});

/** Webhook endpoints (ADR 0161). The secret signs every delivery; it is shown once, at creation. */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    description: text('description').notNull().default(''),
    secret: text('secret').notNull(),
    events: jsonb('events').$type<string[]>().notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('webhook_endpoints_workspace_idx').on(t.workspaceId)],
);

/** One event to one endpoint; the delivery job retries it with backoff and records every attempt's outcome. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    /** The JSON body sent, fixed at creation so every attempt sends the same bytes. */
    body: text('body').notNull(),
    status: text('status', { enum: ['pending', 'succeeded', 'failed'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    /** The last attempt's error in English, as the HTTP client said it (older rows hold only this). */
    lastError: text('last_error'),
    /** The same error as a message key and parameters (ADR 0250), said in the reader's language. */
    lastErrorProblem: jsonb('last_error_problem').$type<StoredProblem>(),
    lastAttemptAt: ts('last_attempt_at'),
    deliveredAt: ts('delivered_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('webhook_deliveries_endpoint_idx').on(t.workspaceId, t.endpointId, t.createdAt.desc())],
);

/**
 * Measures for the dashboards (ADR 0150): counts per workspace, series and time bucket, kept up to
 * date by the ingest in the transaction of each batch (`rollups.repo.ts`), never recomputed from
 * the raw mentions on a read. A series is a query id, or the nil UUID for all the workspace's
 * mentions. `grain` is `day` (kept) or `hour` (the last 7 days; older hourly rows are pruned
 * nightly). Buckets start at UTC midnight or the UTC hour.
 */
export const measureBuckets = pgTable(
  'measure_buckets',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    seriesId: uuid('series_id').notNull(),
    grain: text('grain', { enum: ['day', 'hour'] }).notNull(),
    bucket: ts('bucket').notNull(),
    volume: integer('volume').notNull(),
    positive: integer('positive').notNull(),
    neutral: integer('neutral').notNull(),
    negative: integer('negative').notNull(),
    /** Sum of the sentiment scores in [-1, 1] of the mentions that have one. */
    scoreSum: doublePrecision('score_sum').notNull(),
    /** Distinct authors (network + handle) of the bucket: the rows of measure_authors. */
    authors: integer('authors').notNull(),
    /** Interactions the mentions had when fetched (replies, reposts, likes, quotes, points). */
    reach: bigint('reach', { mode: 'number' }).notNull(),
    /** Mentions that carried metrics at all (reach is a lower bound when fewer than volume). */
    reachMentions: integer('reach_mentions').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.seriesId, t.grain, t.bucket] }),
    check('measure_buckets_grain_check', sql`${t.grain} in ('day', 'hour')`),
    // The nightly purge of hourly rows older than a week.
    index('measure_buckets_hour_idx').on(t.bucket).where(sql`${t.grain} = 'hour'`),
  ],
);

/**
 * One row per distinct author of a bucket (`author` = md5 of network and folded handle, as a uuid).
 * Whatever deletes rows here (rebuilds, a query's removal, the hourly prune, a data migration)
 * bumps the workspace's row of `rollup_epochs` in the same transaction (ADR 0320).
 */
export const measureAuthors = pgTable(
  'measure_authors',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    seriesId: uuid('series_id').notNull(),
    grain: text('grain', { enum: ['day', 'hour'] }).notNull(),
    bucket: ts('bucket').notNull(),
    author: uuid('author').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.seriesId, t.grain, t.bucket, t.author] }),
    index('measure_authors_hour_idx').on(t.bucket).where(sql`${t.grain} = 'hour'`),
  ],
);

/**
 * A counter per workspace, bumped in the same transaction by every writer that deletes rows of
 * measure_authors (ADR 0320). An ingest call remembers the bucket-author pairs its batches
 * wrote, with the epoch its last write read under the rollups' lock; a later batch of the call
 * skips those pairs only if the epoch it reads under the lock is the same. No row: epoch 0.
 */
export const rollupEpochs = pgTable('rollup_epochs', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  epoch: bigint('epoch', { mode: 'number' }).notNull(),
});

/**
 * The last day each author of a series was seen, up to a closed day (ADR 0190): a read-side cache
 * of measure_authors' day rows, so the distinct authors of a range ending now are the authors seen
 * since its first day, counted on an index, plus the few of the days after the cache. Filled by the
 * reads (and the migration), never by the ingest; deleted with the series' rollups.
 */
export const measureAuthorLastDays = pgTable(
  'measure_author_last_days',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    seriesId: uuid('series_id').notNull(),
    author: uuid('author').notNull(),
    lastDay: ts('last_day').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.seriesId, t.author] }),
    index('measure_author_last_days_day_idx').on(t.workspaceId, t.seriesId, t.lastDay),
  ],
);

/**
 * What measure_author_last_days holds, per series and UTC month: the number of the month's day rows
 * of measure_authors folded into it (the sum of its days' `authors` in measure_buckets, up to
 * `through_day`). A read that finds another sum folds the new days, or the month again.
 */
export const measureAuthorFolds = pgTable(
  'measure_author_folds',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    seriesId: uuid('series_id').notNull(),
    month: ts('month').notNull(),
    authorDays: integer('author_days').notNull(),
    /** The last day of the month folded: the days after it are folded alone when their rows come. */
    throughDay: ts('through_day').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.seriesId, t.month] })],
);

/**
 * Workspaces whose rollups a migration deleted because it changed their mentions (ADR 0280):
 * `backfillRollups` rebuilds them after the migrations, even if an ingest batch wrote a bucket
 * meanwhile, and removes the row.
 */
export const rollupRebuilds = pgTable('rollup_rebuilds', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  reason: text('reason').notNull(),
});

/** People a workspace knows (core/person.ts); their handles are in person_handles. */
export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    displayName: text('display_name').notNull(),
    profileUrl: text('profile_url'),
    bio: text('bio'),
    tags: jsonb('tags').$type<string[]>().notNull().default([]),
    roles: jsonb('roles').$type<string[]>().notNull().default([]),
    notes: text('notes'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('people_workspace_name_idx').on(t.workspaceId, t.displayName)],
);

/** One handle on one network names one person of the workspace. */
export const personHandles = pgTable(
  'person_handles',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    network: text('network').notNull(),
    handle: text('handle').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.network, t.handle] }), index('person_handles_person_idx').on(t.personId)],
);

/**
 * Where a global stream consumer (the Bluesky Jetstream firehose, ADR 0111) resumes: one row
 * per stream, written by the single elected consumer after each batch it stored. Global, not
 * per workspace: one firehose serves every workspace.
 */
export const streamCursors = pgTable('stream_cursors', {
  name: text('name').primaryKey(),
  /** Position in the stream; for Jetstream, microseconds since the epoch (fits in a double exactly). */
  cursor: bigint('cursor', { mode: 'number' }).notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/**
 * What a Bluesky DID resolves to (ADR 0210): the handle its DID document claims, kept only once
 * verified back (the handle's DNS or well-known answer names the same DID), or set from a
 * Jetstream identity event. Global like stream_cursors: identity is public network data shared
 * by every workspace. Mentions keep the DID as `author_handle` (the stable key); reads show the
 * handle through this table.
 */
export const blueskyIdentities = pgTable(
  'bluesky_identities',
  {
    did: text('did').primaryKey(),
    /** The verified handle; null while unknown, unverified or when resolution failed. */
    handle: text('handle'),
    /** When the DID was last resolved; null: never yet (a row made by a hint, ADR 0280). */
    resolvedAt: ts('resolved_at'),
    /** After this the resolution is done again (sooner after a failure). */
    expiresAt: ts('expires_at').notNull(),
    /** Resolutions that failed in a row (network, directory errors): the retry backs off. */
    failures: integer('failures').notNull().default(0),
    lastError: text('last_error'),
    /**
     * The handle a network view (search, notifications) last gave with the DID (ADR 0280). The
     * network's word, not relais's check: never shown, never matched; a new hint only asks the
     * resolver to check the DID again.
     */
    hint: text('hint'),
    /** Asked for by a hint and not resolved since: any worker's identity queue may claim it once due. */
    pending: boolean('pending').notNull().default(false),
  },
  (t) => [
    // From a handle a user typed (`author:`, the watch list) back to its DID (ADR 0240).
    index('bluesky_identities_handle_idx').on(t.handle),
    // The identity queues' claim of the DIDs hints asked for (ADR 0280).
    index('bluesky_identities_pending_idx').on(t.expiresAt).where(sql`${t.pending}`),
  ],
);

/**
 * A file import followed from the web (ADR 0200): created before its upload, then its counts
 * are written in the transaction of each chunk it saves, so they never run ahead of what is
 * stored. `updated_at` is also a heartbeat while it runs: a `running` import whose heartbeat
 * stopped lost its process or its connection and reads as interrupted.
 */
export const imports = pgTable(
  'imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** posts | people */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    /** csv | json, or null until the file is read (guessed from its name and first bytes). */
    format: text('format'),
    /** line | item: what the refused lines' numbers count. */
    unit: text('unit').notNull().default('line'),
    mapping: jsonb('mapping').$type<Record<string, string>>().notNull().default({}),
    /** waiting (created, no file yet) | running | done | failed | interrupted */
    status: text('status').notNull(),
    bytesTotal: bigint('bytes_total', { mode: 'number' }),
    bytesRead: bigint('bytes_read', { mode: 'number' }).notNull().default(0),
    records: integer('records').notNull().default(0),
    refused: integer('refused').notNull().default(0),
    /** Posts: stored, duplicates, nearDuplicates; people: created, merged, unchanged. */
    counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
    /** Last line (or item) read and settled: everything up to it is stored or refused. */
    lastLine: integer('last_line').notNull().default(0),
    sourceId: uuid('source_id').references(() => sources.id, { onDelete: 'set null' }),
    error: text('error'),
    /** The error's message key and parameters (ADR 0250). */
    errorProblem: jsonb('error_problem').$type<StoredProblem>(),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    finishedAt: ts('finished_at'),
    /** Pieces of the upload stored in `import_uploads` once the whole file is in; null while it arrives (ADR 0290). */
    uploadChunks: integer('upload_chunks'),
    /** The run that holds the import (ADR 0290): only it may commit a chunk; another may take it once `lease_until` is past. */
    leaseToken: uuid('lease_token'),
    leaseUntil: ts('lease_until'),
    /**
     * Resumptions in a row without a new committed chunk (ADR 0311): a run that crashes its process
     * would crash every process that resumes it, so the import fails after `maxResumesWithoutProgress`.
     */
    resumes: integer('resumes').notNull().default(0),
    /** `last_line` when it was last resumed: a resumption at the same line made no progress. */
    resumedAtLine: integer('resumed_at_line'),
  },
  (t) => [index('imports_workspace_created_idx').on(t.workspaceId, t.createdAt), index('imports_running_lease_idx').on(t.leaseUntil).where(sql`status = 'running'`)],
);

/** The refused lines of an import (ADR 0200), written with the chunk they belong to. */
export const importRefusals = pgTable(
  'import_refusals',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    importId: uuid('import_id')
      .notNull()
      .references(() => imports.id, { onDelete: 'cascade' }),
    line: integer('line').notNull(),
    /** In English, as the command line says it; `reason_problem` (ADR 0250) says it in the reader's language. */
    reason: text('reason').notNull(),
    reasonProblem: jsonb('reason_problem').$type<StoredProblem>(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.line] })],
);

/**
 * An import's upload as received (ADR 0290), in pieces of at most 1 MiB, so that any process can
 * read it: the one that received it, or another that resumes the import. Deleted when it ends.
 */
export const importUploads = pgTable(
  'import_uploads',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    importId: uuid('import_id')
      .notNull()
      .references(() => imports.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    bytes: bytea('bytes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.seq] })],
);
