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
  bigint,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

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
