import type { Clock } from '../../core/clock.ts';
import { fail, failure } from '../../core/errors.ts';
import { issueProblems } from '../../core/api/issues.ts';
import { asUserFailure } from './failures.ts';
import { isUuid } from '../../core/ids.ts';
import { sourceConfigSchemas, type CreateSourceBody, type SourceDefinition, type UpdateSourceBody } from '../../core/api/sources.ts';
import { isSecretField } from '../../core/source-secrets.ts';
import { keepSecrets, sealConfig } from '../secrets/source-config.ts';
import { storedDefinition } from './define.ts';
import type { Fetcher } from '../../sources/http/safe-fetch.ts';
import { verifyMastodonCredentials } from '../../sources/mastodon/verify-credentials.ts';
import { defaultFetchIntervalSeconds, type DailyCount, type SourceDetails } from '../../core/source-fetch.ts';
import type { Db } from '../../storage/db.ts';
import { insertSource } from '../../storage/sources.repo.ts';
import { countMentionsPerDay, deleteSource, findSourceDetails, markSourceDue, updateSourceSettings } from '../../storage/source-fetch.repo.ts';

/** Adding, changing, removing and inspecting a workspace's sources. Another workspace's source is not found. */
const notFound = () => fail('source.not-found');
export const healthDays = 14;

/** A Mastodon token is checked with verify_credentials before it is stored (ADR 0122). */
const verifyToken = async (server: string, token: string, fetcher: Fetcher): Promise<void> => {
  try {
    await verifyMastodonCredentials(server, token, { fetcher, signal: AbortSignal.timeout(30_000) });
  } catch (e) {
    throw asUserFailure(e, server);
  }
};

/**
 * Adds a source of any kind (ADR 0121); its secrets (access token, app password) are sealed with
 * `secretKey` before they reach the database (ADR 0120).
 */
export const createSource = async (db: Db, workspaceId: string, body: CreateSourceBody, deps: { clock: Clock; secretKey: Buffer; fetcher?: Fetcher }): Promise<SourceDetails> => {
  const def = storedDefinition(body);
  if (deps.fetcher && body.kind === 'mastodon' && body.config.mode === 'notifications') await verifyToken(body.url, body.config.accessToken ?? '', deps.fetcher);
  const created = await insertSource(db, workspaceId, {
    kind: def.kind,
    name: body.name ?? def.defaultName,
    url: def.url,
    config: sealConfig(deps.secretKey, workspaceId, def.config),
    now: deps.clock.now(),
  });
  const withInterval = await updateSourceSettings(db, workspaceId, created.id, { fetchIntervalSeconds: body.fetchIntervalSeconds ?? defaultFetchIntervalSeconds });
  if (!withInterval) throw notFound();
  return withInterval;
};

/**
 * The new url/config of an update, checked against the source's kind. A secret that is not
 * resent keeps its stored (sealed) value. The fetch cursor starts over when what the source
 * reads changed, not when only a secret did.
 */
const changedDefinition = (
  source: SourceDetails,
  body: UpdateSourceBody,
  secretKey: Buffer,
): { url?: string | null; config?: Record<string, unknown>; resetState?: boolean } => {
  if (body.config === undefined) return body.url === undefined || body.url === source.url ? {} : { url: body.url, resetState: true };
  const kind = source.kind;
  if (kind === 'import' || kind === 'rss') throw fail('source.no-config', { kind: kind === 'rss' ? 'RSS' : 'import' });
  const merged = keepSecrets(source.config, body.config);
  // Validation sees a kept or new secret as present; the values themselves are not needed to check the shape.
  const shape: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(merged)) shape[k] = isSecretField(k) ? (typeof v === 'string' && v.length > 0 ? 'set' : v) : v;
  const parsed = sourceConfigSchemas.create[kind].safeParse(shape);
  if (!parsed.success) throw failure(issueProblems(parsed.error.issues, ['config']));
  const url = body.url ?? source.url ?? undefined;
  const def = { kind, ...(url ? { url } : {}), config: parsed.data } as SourceDefinition;
  if (kind === 'mastodon' && !url) throw fail('source.mastodon-needs-url');
  const stored = storedDefinition(def);
  const withSecrets: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(stored.config)) withSecrets[k] = isSecretField(k) ? merged[k] : v;
  const config = sealConfig(secretKey, source.workspaceId, withSecrets);
  const sameTarget = stored.url === source.url && sameExceptSecrets(config, source.config);
  return { url: stored.url, config, ...(sameTarget ? {} : { resetState: true }) };
};

const sameExceptSecrets = (a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean => {
  const strip = (c: Readonly<Record<string, unknown>>) => JSON.stringify(Object.entries(c).filter(([k]) => !isSecretField(k)).sort(([x], [y]) => (x < y ? -1 : 1)));
  return strip(a) === strip(b);
};

export const getSourceHealth = async (db: Db, workspaceId: string, id: string, clock: Clock): Promise<{ source: SourceDetails; itemsPerDay: DailyCount[] }> => {
  if (!isUuid(id)) throw notFound();
  const source = await findSourceDetails(db, workspaceId, id);
  if (!source) throw notFound();
  const today = new Date(clock.now().toISOString().slice(0, 10));
  const since = new Date(today.getTime() - (healthDays - 1) * 86_400_000);
  return { source, itemsPerDay: await countMentionsPerDay(db, workspaceId, id, since, healthDays) };
};

/**
 * Changes a source. A new Mastodon access token is verified first (when a fetcher is given), so
 * reconnecting with a wrong token is refused at once instead of failing at the next fetch.
 */
export const updateSource = async (
  db: Db,
  workspaceId: string,
  id: string,
  body: UpdateSourceBody,
  deps: { secretKey: Buffer; fetcher?: Fetcher },
): Promise<SourceDetails> => {
  if (!isUuid(id)) throw notFound();
  const source = await findSourceDetails(db, workspaceId, id);
  if (!source) throw notFound();
  const { url: _url, config: _config, ...settings } = body;
  const changed = changedDefinition(source, body, deps.secretKey);
  const newToken = body.config?.['accessToken'];
  if (deps.fetcher && source.kind === 'mastodon' && typeof newToken === 'string' && newToken.trim() !== '') await verifyToken(changed.url ?? source.url ?? '', newToken.trim(), deps.fetcher);
  const updated = await updateSourceSettings(db, workspaceId, id, { ...settings, ...changed });
  if (!updated) throw notFound();
  return updated;
};

export const removeSource = async (db: Db, workspaceId: string, id: string): Promise<void> => {
  if (!isUuid(id) || !(await deleteSource(db, workspaceId, id))) throw notFound();
};

/**
 * Fetch now: the source becomes due at once (the scheduler's next tick takes it), and when a
 * queue is at hand the job is sent straight away. Paused and disabled sources must be resumed first.
 */
export const requestFetch = async (
  db: Db,
  workspaceId: string,
  id: string,
  enqueue?: (sourceId: string) => Promise<unknown>,
): Promise<{ queued: boolean }> => {
  if (!isUuid(id)) throw notFound();
  const source = await findSourceDetails(db, workspaceId, id);
  if (!source) throw notFound();
  if (source.status !== 'active') throw fail('source.not-active', { status: source.status });
  await markSourceDue(db, workspaceId, id);
  if (!enqueue) return { queued: false };
  await enqueue(id);
  return { queued: true };
};
