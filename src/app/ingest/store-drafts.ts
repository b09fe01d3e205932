import { analyzeText } from '../../analysis/analyze.ts';
import type { Clock } from '../../core/clock.ts';
import type { MentionDraft } from '../../core/mention.ts';
import type { Db } from '../../storage/db.ts';
import { findRecentTextHashes, findStoredExternalIds, insertIngestedMentions, refreshMentionMetrics, type IngestedMention } from '../../storage/mention-ingest.repo.ts';
import { listQueries } from '../../storage/queries.repo.ts';
import { textFingerprint } from './fingerprint.ts';
import { workspaceMatcher } from './matchers.ts';

/**
 * Drafts → stored mentions (ADR 0060–0062): deduplicate (network + external id: skipped;
 * the same text from another source within `nearDuplicateWindowMs`: stored, flagged), analyse
 * only what is new (language, sentiment, the workspace's queries), insert in batches.
 *
 * Idempotent: storing the same drafts again stores nothing. `beforeLastBatch` lets the caller
 * run the last insert in a transaction with its own write (the source's new state), so that
 * state is never saved ahead of the mentions it covers.
 */
export const defaultBatchSize = 500;
export const nearDuplicateWindowMs = 7 * 86_400_000;

export interface StoreDraftsOptions {
  readonly db: Db;
  readonly clock: Clock;
  readonly workspaceId: string;
  readonly sourceId: string | null;
  readonly batchSize?: number;
  /** Runs inside the transaction of the last batch (even when there is nothing to insert). */
  readonly withLastBatch?: (tx: Db) => Promise<void>;
  /** Called after each committed batch: items handled so far, of the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface StoreReport {
  /** Drafts received. */
  readonly received: number;
  /** New mentions stored. */
  readonly stored: number;
  /** Skipped: already stored, or repeated within these drafts. */
  readonly duplicates: number;
  /** Stored and flagged as the same text as a recent mention from another source. */
  readonly nearDuplicates: number;
  /** Already stored mentions whose engagement counts (replies, boosts, likes…) were updated. */
  readonly metricsRefreshed: number;
}

const NUL = /\u0000/g;
const clean = (s: string): string => (s.includes('\u0000') ? s.replace(NUL, '') : s);

export const storeDrafts = async (drafts: readonly MentionDraft[], o: StoreDraftsOptions): Promise<StoreReport> => {
  const { db, workspaceId, sourceId } = o;
  const batchSize = o.batchSize ?? 500;
  const fetchedAt = o.clock.now();
  const matcher = workspaceMatcher(workspaceId, await listQueries(db, workspaceId));
  const windowStart = new Date(fetchedAt.getTime() - nearDuplicateWindowMs);

  // Repeated ids within one fetch: the first one wins.
  const seen = new Set<string>();
  const unique = drafts.filter((d) => {
    const k = `${d.network}\u0000${d.externalId}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  let stored = 0;
  let near = 0;
  let done = 0;
  let metricsRefreshed = 0;
  let pending: Promise<void> | null = null;
  const settle = async (): Promise<void> => {
    const p = pending;
    pending = null;
    if (p) await p;
  };
  const batches = Math.max(1, Math.ceil(unique.length / batchSize));
  for (let b = 0; b < batches; b++) {
    const slice = unique.slice(b * batchSize, (b + 1) * batchSize);
    const known = new Set<string>();
    for (const network of new Set(slice.map((d) => d.network))) {
      const ids = slice.filter((d) => d.network === network).map((d) => d.externalId);
      for (const id of await findStoredExternalIds(db, workspaceId, network, ids)) known.add(`${network}\u0000${id}`);
    }
    const fresh = slice.filter((d) => !known.has(`${d.network}\u0000${d.externalId}`));
    // Already stored: only newer engagement counts are written (ADR 0122), never the text.
    for (const network of new Set(slice.map((d) => d.network))) {
      const updates = slice
        .filter((d) => d.network === network && d.metrics && Object.keys(d.metrics).length > 0 && known.has(`${network}\u0000${d.externalId}`))
        .map((d) => ({ externalId: d.externalId, metrics: { ...d.metrics } as Record<string, number> }));
      if (updates.length > 0) metricsRefreshed += await refreshMentionMetrics(db, workspaceId, network, updates);
    }
    const hashes = fresh.map((d) => textFingerprint(d.text));
    const earlier = await findRecentTextHashes(db, workspaceId, sourceId, [...new Set(hashes.filter((h): h is string => h !== null))], windowStart);
    const rows = fresh.map((d, i): IngestedMention => {
      const text = clean(d.text);
      const analysed = analyzeText(d.title && !text.includes(d.title) ? `${d.title}\n${text}` : text, d.declaredLang ? { lang: d.declaredLang } : {});
      const matchedQueries = matcher.match({
        text: d.title ? `${d.title}\n${text}` : text,
        lang: analysed.lang,
        source: d.network,
        author: d.author.handle,
        url: d.url ?? null,
      });
      const hash = hashes[i] ?? null;
      const dup = hash ? (earlier.get(hash) ?? null) : null;
      if (dup) near++;
      return {
        ...d,
        text,
        ...(d.html !== undefined ? { html: clean(d.html) } : {}),
        sourceId,
        lang: analysed.lang,
        sentiment: { label: analysed.sentiment.label, score: Math.round(analysed.sentiment.score * 1e4) / 1e4 },
        matchedQueries,
        fetchedAt,
        textHash: hash,
        nearDuplicateOf: dup,
      };
    });
    // One insert in flight while the next batch is analysed (on PostgreSQL they overlap; on
    // PGlite they queue). The previous batch is committed before the last one starts, so the
    // caller's write in the last transaction still follows every mention it covers.
    await settle();
    if (b === batches - 1 && o.withLastBatch) {
      const last = o.withLastBatch;
      stored += await db.transaction(async (tx) => {
        const n = await insertIngestedMentions(tx, workspaceId, rows);
        await last(tx);
        return n;
      });
      done += slice.length;
      o.onProgress?.(done, unique.length);
    } else {
      const size = slice.length;
      pending = insertIngestedMentions(db, workspaceId, rows).then((n) => {
        stored += n;
        done += size;
        o.onProgress?.(done, unique.length);
      });
      // A failed insert is reported by settle(); this keeps it from counting as unhandled meanwhile.
      pending.catch(() => {});
    }
  }
  await settle();
  return { received: drafts.length, stored, duplicates: drafts.length - stored, nearDuplicates: near, metricsRefreshed };
};
