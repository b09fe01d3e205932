import type { Clock } from '../core/clock.ts';
import type { BrandProfileInput } from '../core/brand.ts';
import type { QueryKind } from '../core/listening-query.ts';
import type { Network } from '../core/mention.ts';
import { normaliseHandle, type PersonDraft } from '../core/person.ts';
import type { SourceStatus } from '../core/source.ts';
import { saveBrandProfile } from '../storage/brand-profiles.repo.ts';
import type { Db } from '../storage/db.ts';
import { addMembership } from '../storage/memberships.repo.ts';
import { savePeople } from '../storage/people.repo.ts';
import { saveResolvedIdentities } from '../storage/bluesky-identities.repo.ts';
import { insertMentions, type NewMention } from '../storage/mentions.repo.ts';
import { addInsertedMentionsToRollups } from '../storage/rollups.repo.ts';
import { insertQuery } from '../storage/queries.repo.ts';
import { insertSource, recordSourceError, recordSourceSuccess } from '../storage/sources.repo.ts';
import { countUsers, findUserCredentials, insertUser, setPasswordHash } from '../storage/users.repo.ts';
import { findWorkspaceOfUserByName, insertWorkspace } from '../storage/workspaces.repo.ts';
import { createMatcher } from '../analysis/query/matcher.ts';
import { parseQuery } from '../analysis/query/parse.ts';
import { formatQueryError } from '../analysis/query/messages.ts';
import { insertWatchedAuthor, saveAlertSettings } from '../storage/watch-list.repo.ts';
import { evaluateWorkspaceAlerts } from './alerts/evaluate.ts';
import { hashPassword } from './auth/passwords.ts';
import { newSecret } from './auth/secrets.ts';
import { FetchError } from '../sources/http/safe-fetch.ts';
import { storedFailure } from './sources/failures.ts';
import { cast } from './demo/cast.ts';
import { demoMentions, type DemoSourceKey } from './demo/mentions.ts';
import { demoPeople } from './demo/people.ts';

export const demoEmail = 'demo@relais.local';
export const demoWorkspaceName = 'Coupe-Chou';

const brand: BrandProfileInput = {
  services: ['Savons de rasage', 'Huiles et baumes à barbe', 'Rasoirs de sûreté et coupe-chou', 'Formats professionnels pour barbiers'],
  knowHow: ['Saponification à froid en petits lots', 'Huiles essentielles de Grasse', "Conseil au rasage pour débutants"],
  differentiators: ['Formules sans alcool pour peaux sensibles', 'Fabriqué à Lyon, livré en 48 h en France', 'Chaque message reçoit une réponse du fondateur'],
  values: ['Sincérité', 'Artisanat', 'Relation plutôt que transaction', 'Entraide entre artisans'],
  toneOfVoice: 'Chaleureux et direct, on tutoie les habitués, on explique sans jargon, jamais de promo criarde.',
  keywords: ['rasage', 'barbe', 'savon à barbe', 'huile à barbe', 'coupe-chou', 'wet shaving', 'barbier'],
  competitors: ['Barbe Royale', "Le Rasoir d'Antan"],
  networks: ['mastodon', 'bluesky', 'rss', 'reddit', 'hackernews'],
};

const queries: readonly { name: string; kind: QueryKind; text: string }[] = [
  { name: 'Coupe-Chou', kind: 'brand', text: 'coupe-chou OR coupechou OR #coupechou OR @coupechou' },
  { name: 'Barbe Royale', kind: 'competitor', text: '"barbe royale" OR #barberoyale OR @barberoyale' },
  { name: "Le Rasoir d'Antan", kind: 'competitor', text: '"rasoir d\'antan"' },
  { name: 'Rasage traditionnel', kind: 'trade', text: '(rasage OR "savon à barbe" OR "huile à barbe" OR barbier) lang:fr' },
  { name: 'Wet shaving', kind: 'trade', text: '("wet shaving" OR #wetshaving OR "shaving soap" OR "beard oil") lang:en' },
];

const sources: Record<DemoSourceKey, { kind: Network; name: string; url: string | null; config: Record<string, unknown>; status: SourceStatus; failing?: FetchError }> = {
  mastodon: { kind: 'mastodon', name: 'Mastodon #rasage #barbe', url: 'https://piaille.example', config: { hashtags: ['rasage', 'barbe', 'coupechou'] }, status: 'active' },
  // A reserved .example AppView: the demo stays offline (the scheduler leaves such hosts alone).
  bluesky: { kind: 'bluesky', name: 'Bluesky : recherche « Coupe-Chou »', url: 'https://appview.bsky.example', config: { search: 'coupe-chou' }, status: 'active' },
  blog: { kind: 'rss', name: 'Le Blog du Rasage', url: 'https://blog-du-rasage.example/feed.xml', config: {}, status: 'active' },
  weekly: { kind: 'rss', name: 'Wet Shaving Weekly', url: 'https://wetshaving-weekly.example/feed/', config: {}, status: 'active' },
  hn: { kind: 'hackernews', name: 'Hacker News : Coupe-Chou', url: 'https://hn.algolia.example/api/v1', config: { search: 'Coupe-Chou' }, status: 'active' },
  reddit: {
    kind: 'reddit',
    name: 'r/wicked_edge',
    url: 'https://reddit.example/r/wicked_edge/.rss',
    config: {},
    status: 'active',
    // Recorded as the ingest records a failed fetch: its English, and its key for the reader's language (ADR 0250).
    failing: new FetchError('http-status', 'retry', 'HTTP 429 Too Many Requests (retrying after 600 s)', { status: 429, retryAfterSeconds: 600 }),
  },
};

const watchList = [
  { network: 'mastodon', handle: cast.journalist.handle, role: 'presse', priority: 'high' },
  { network: 'mastodon', handle: cast.karim.handle, role: 'relais', priority: 'normal' },
  { network: 'rss', handle: cast.helene.handle, role: 'blogueuse', priority: 'normal' },
] as const;

export interface DemoLogin {
  readonly email: string;
  readonly password: string;
}

export interface DemoResult {
  /** False when the demo already existed (nothing was written). */
  readonly created: boolean;
  readonly workspaceId: string;
  /** Present when a password was set now: printed once, stored only hashed. */
  readonly login?: DemoLogin;
}

const day = 24 * 3600_000;

/**
 * Creates the Coupe-Chou demo once: a login, a full brand profile, queries,
 * sources (one of them failing, to show health), about a hundred mentions over
 * the thirty days before `clock.now()`, each with the ids of the queries it
 * matches (the real query matcher; language and sentiment are the writer's), and
 * the people behind them (saved as an import saves people). Idempotent: a second call changes
 * nothing unless `resetPassword` asks for a new demo password. Works offline.
 */
export const seedDemo = async (db: Db, clock: Clock, opts: { resetPassword?: boolean } = {}): Promise<DemoResult> => {
  const existing = await findUserCredentials(db, demoEmail);
  if (existing) {
    const ws = await findWorkspaceOfUserByName(db, existing.user.id, demoWorkspaceName);
    if (ws) {
      if (!opts.resetPassword) return { created: false, workspaceId: ws.id };
      const password = newSecret(9);
      await setPasswordHash(db, existing.user.id, await hashPassword(password));
      return { created: false, workspaceId: ws.id, login: { email: demoEmail, password } };
    }
  }
  const password = newSecret(9);
  const passwordHash = await hashPassword(password);
  // The second member's password is random and never shown: the account exists to populate the members page.
  const colleagueHash = await hashPassword(newSecret(24));
  const workspaceId = await db.transaction(async (tx) => {
    const now = clock.now();
    const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * day);
    const user =
      existing?.user ?? (await insertUser(tx, { email: demoEmail, name: 'Nicolas (démo)', passwordHash, locale: 'fr', now }));
    if (existing) await setPasswordHash(tx, user.id, passwordHash);
    const workspace = await insertWorkspace(tx, { name: demoWorkspaceName, now: at(31) });
    await addMembership(tx, workspace.id, { userId: user.id, role: 'owner', now: at(31) });
    const colleague =
      (await findUserCredentials(tx, 'ines@relais.local'))?.user ??
      (await insertUser(tx, { email: 'ines@relais.local', name: 'Inès (démo)', passwordHash: colleagueHash, locale: 'fr', now }));
    await addMembership(tx, workspace.id, { userId: colleague.id, role: 'editor', now: at(20) });
    await saveBrandProfile(tx, workspace.id, brand, at(30));
    const matcher = createMatcher();
    for (const q of queries) {
      const stored = await insertQuery(tx, workspace.id, { ...q, now: at(30) });
      const parsed = parseQuery(q.text);
      if (!parsed.ok) throw new Error(`The demo query "${q.name}" does not parse: ${formatQueryError(parsed.error, 'en')}`);
      matcher.add(stored.id, parsed.ast);
    }

    const sourceIds = {} as Record<DemoSourceKey, string>;
    for (const [key, s] of Object.entries(sources) as [DemoSourceKey, (typeof sources)[DemoSourceKey]][]) {
      const created = await insertSource(tx, workspace.id, { ...s, now: at(30) });
      sourceIds[key] = created.id;
      await recordSourceSuccess(tx, workspace.id, created.id, at(s.failing ? 2.5 : 0.05));
      if (s.failing) {
        const error = storedFailure(s.failing, s.url ?? s.name);
        for (const ago of [2, 1, 0.1]) await recordSourceError(tx, workspace.id, created.id, { error, at: at(ago) });
      }
    }
    // Bluesky authors are stored by DID and shown by their handle, verified in the identity cache
    // (ADR 0280): invented accounts on reserved names, with no DID document to check them against,
    // so their entries never expire and nothing asks the resolver for them.
    await saveResolvedIdentities(tx, demoIdentities.map((c) => ({ did: c.did, handle: c.handle, at: now, expiresAt: neverExpires })));
    const mentions = demoMentions.map((m) => {
      const draft = toMention(m, sourceIds, at);
      const text = draft.title ? `${draft.title}\n${draft.text}` : draft.text;
      const alias = cast[m.who].handle;
      const matched = matcher.match({
        text,
        lang: draft.lang,
        source: draft.network,
        author: draft.author.handle,
        authorAliases: alias !== draft.author.handle ? [alias] : null,
        url: draft.url ?? null,
      });
      return { ...draft, matchedQueries: matched };
    });
    // The dashboard reads rollups only: the demo's mentions are counted as the ingest counts them.
    await addInsertedMentionsToRollups(tx, workspace.id, await insertMentions(tx, workspace.id, mentions), now);
    // Alerts: the press and a relay on the watch list, and the brand's own accounts with a
    // reply target of 4 hours (the founder answers every message himself).
    for (const w of watchList) await insertWatchedAuthor(tx, workspace.id, w, at(20));
    await saveAlertSettings(tx, workspace.id, { replyTargetHours: 4, ownHandles: [cast.brand.handle, cast.brandBsky.handle, cast.nicolas.handle, cast.hnNico.handle] }, at(20));
    // The contacts the founder imported after the wave, through the import's own save (merge on handle).
    const saved = await savePeople(tx, workspace.id, demoPeople.map(toPersonDraft), at(6));
    if (saved.some((o) => o.kind !== 'created')) throw new Error('Two demo people share a handle');
    return workspace.id;
  });
  // The demo's alerts come from the real detectors over the mentions just stored.
  await evaluateWorkspaceAlerts(db, workspaceId, clock.now());
  return { created: true, workspaceId, login: { email: demoEmail, password } };
};

const externalId = (key: string) => `coupe-chou-demo-${key}`;

/** The cast's Bluesky accounts: a DID each, its handle verified for the demo. */
const demoIdentities = Object.values(cast).filter((c): c is Extract<(typeof cast)[keyof typeof cast], { did: string }> => 'did' in c);
const neverExpires = new Date('9999-12-31T00:00:00Z');

/** A plausible permalink per network, on the reserved `.example` hosts. */
const demoUrl = (m: (typeof demoMentions)[number]): string => {
  const author = cast[m.who];
  switch (m.network) {
    case 'mastodon':
      return `${author.url}/demo-${m.key}`;
    case 'bluesky':
      return `${author.url}/post/demo-${m.key}`;
    case 'hackernews':
      return `https://news.ycombinator.example/item?id=demo-${m.key}`;
    case 'reddit':
      return `https://reddit.example/r/wicked_edge/comments/demo-${m.key}`;
    default:
      return `${new URL(author.url).origin}/articles/demo-${m.key}`;
  }
};

const toMention = (
  m: (typeof demoMentions)[number],
  sourceIds: Record<DemoSourceKey, string>,
  at: (daysAgo: number) => Date,
): NewMention => {
  const author = cast[m.who];
  const text = m.text;
  const publishedAt = at(m.ago);
  return {
    network: m.network,
    externalId: externalId(m.key),
    url: demoUrl(m),
    author: m.network === 'bluesky' && 'did' in author ? { ...author, handle: author.did } : author,
    text,
    ...(m.title !== undefined && { title: m.title }),
    links: [],
    hashtags: [...text.matchAll(/(?:^|[^\p{L}\p{N}])#([\p{L}\p{N}_]+)/gu)].map((x) => (x[1] ?? '').toLowerCase()),
    mentions: [...text.matchAll(/(?:^|[^\p{L}\p{N}])@([\w.-]+(?:@[\w.-]+)?)/gu)].map((x) => `@${x[1] ?? ''}`),
    declaredLang: m.lang,
    lang: m.lang,
    sentiment: { label: m.sentiment[0], score: m.sentiment[1] },
    matchedQueries: [],
    publishedAt,
    // Fetched shortly after publication, as a polling source would.
    fetchedAt: new Date(publishedAt.getTime() + 7 * 60_000),
    ...(m.replyTo !== undefined && { inReplyTo: externalId(m.replyTo) }),
    metrics: m.metrics ?? {},
    sourceId: sourceIds[m.source],
  };
};

const toPersonDraft = (p: (typeof demoPeople)[number]): PersonDraft => ({
  displayName: p.displayName,
  handles: p.handles.map(([network, raw]) => {
    const handle = normaliseHandle(network, raw);
    if (typeof handle !== 'string') throw new Error(`The demo person "${p.displayName}" has a bad ${network} handle: ${handle.error}`);
    return { network, handle };
  }),
  roles: p.roles,
  tags: p.tags,
  notes: p.notes,
  ...(p.profileUrl !== undefined && { profileUrl: p.profileUrl }),
  ...(p.bio !== undefined && { bio: p.bio }),
});

/** For `serve --migrate`: seed the demo on the very first start only (no user at all yet). */
export const seedDemoOnFirstStart = async (db: Db, clock: Clock): Promise<DemoLogin | undefined> => {
  if ((await countUsers(db)) > 0) return undefined;
  return (await seedDemo(db, clock)).login;
};
