import type { Clock } from '../../core/clock.ts';
import { AppError } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import type { CreateSourceBody, UpdateSourceBody } from '../../core/api/sources.ts';
import { defaultFetchIntervalSeconds, type DailyCount, type SourceDetails } from '../../core/source-fetch.ts';
import type { Db } from '../../storage/db.ts';
import { insertSource } from '../../storage/sources.repo.ts';
import { countMentionsPerDay, deleteSource, findSourceDetails, markSourceDue, updateSourceSettings } from '../../storage/source-fetch.repo.ts';

/** Adding, changing, removing and inspecting a workspace's sources. Another workspace's source is not found. */
const notFound = () => new AppError('not-found', 'No such source in this workspace.');
export const healthDays = 14;

const hostName = (url: string): string => {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
};

export const createFeedSource = async (db: Db, workspaceId: string, body: CreateSourceBody, clock: Clock): Promise<SourceDetails> => {
  const created = await insertSource(db, workspaceId, { kind: body.kind, name: body.name ?? hostName(body.url), url: body.url, now: clock.now() });
  const withInterval = await updateSourceSettings(db, workspaceId, created.id, { fetchIntervalSeconds: body.fetchIntervalSeconds ?? defaultFetchIntervalSeconds });
  if (!withInterval) throw notFound();
  return withInterval;
};

export const getSourceHealth = async (db: Db, workspaceId: string, id: string, clock: Clock): Promise<{ source: SourceDetails; itemsPerDay: DailyCount[] }> => {
  if (!isUuid(id)) throw notFound();
  const source = await findSourceDetails(db, workspaceId, id);
  if (!source) throw notFound();
  const today = new Date(clock.now().toISOString().slice(0, 10));
  const since = new Date(today.getTime() - (healthDays - 1) * 86_400_000);
  return { source, itemsPerDay: await countMentionsPerDay(db, workspaceId, id, since, healthDays) };
};

export const updateSource = async (db: Db, workspaceId: string, id: string, body: UpdateSourceBody): Promise<SourceDetails> => {
  if (!isUuid(id)) throw notFound();
  const updated = await updateSourceSettings(db, workspaceId, id, body);
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
  if (source.status !== 'active') throw new AppError('conflict', `This source is ${source.status}; resume it first.`);
  await markSourceDue(db, workspaceId, id);
  if (!enqueue) return { queued: false };
  await enqueue(id);
  return { queued: true };
};
