import type { Clock } from '../../core/clock.ts';
import type { MentionDraft, Sentiment } from '../../core/mention.ts';
import { runsInThisThread, type Db } from '../../storage/db.ts';
import {
  copyPreparedMentions,
  findRecentTextHashes,
  findStoredExternalIds,
  insertIngestedMentionsByCopy,
  prepareMentionsCopy,
  refreshMentionMetrics,
  type IngestedMention,
  type PreparedCopy,
} from '../../storage/mention-ingest.repo.ts';
import { isUniqueViolation } from '../../storage/pg-errors.ts';
import { rollupDeltas, writeRollupDeltas, WrittenPairs, type RollupDeltas, type RollupWritten } from '../../storage/rollups.repo.ts';
import { analysisPool } from './analysis-pool.ts';
import { labels, type AnalysedBatch, type AnalysisInput } from './analyse-batch.ts';
import { globalMatcher } from './global-matcher.ts';

/**
 * Drafts → stored mentions (ADR 0060–0062, 0131): deduplicate (network + external id: skipped;
 * the same text from another source within `nearDuplicateWindowMs`: stored, flagged), analyse
 * only what is new (language, sentiment and fingerprint in the analysis worker; the workspace's
 * queries through the global matcher), insert in batches.
 *
 * Batches flow through two stages: while batch b is inserted, batches b + 1 and b + 2 are looked
 * up and analysed (in the worker thread), one after the other, so the database and the analysis
 * overlap; one insert at a time, in order. Each batch is one transaction: its insert (on PostgreSQL one COPY straight into
 * the table of the rows the look-up found new, and if one was stored since, the batch again
 * through the staging path; on PGlite the staging path: COPY into a staging table, then `insert
 * … select … on conflict do nothing returning`, ADR 0131, 0180), the measure rollups
 * of the rows inserted (summed in memory, one statement), then `afterInsert` over those rows,
 * then, for the last batch, `withLastBatch`.
 *
 * Idempotent: storing the same drafts again stores nothing. `withLastBatch` lets the caller run
 * its own write (the source's new state) with the last insert, so that state is never saved
 * ahead of the mentions it covers.
 */
export const defaultBatchSize = 500;
/** Batches prepared (looked up, analysed, encoded) ahead of the one being inserted (ADR 0320). */
export const prepareAhead = 2;
export const nearDuplicateWindowMs = 7 * 86_400_000;

export interface StoreDraftsOptions {
  readonly db: Db;
  readonly clock: Clock;
  readonly workspaceId: string;
  readonly sourceId: string | null;
  readonly batchSize?: number;
  /** Runs inside the transaction of the last batch (even when there is nothing to insert), with the report as it will be returned. */
  readonly withLastBatch?: (tx: Db, report: StoreReport) => Promise<void>;
  /** Runs inside each batch's transaction, right after its insert, with the rows it inserted. */
  readonly afterInsert?: (tx: Db, inserted: readonly InsertedMention[]) => Promise<void>;
  /** Called after each committed batch: items handled so far, of the total. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Stored author (a DID) → its verified handle, matched as an alias by `author:` (ADR 0240); a
   * draft's `handleHint` is matched too (ADR 0280).
   */
  readonly authorAliases?: ReadonlyMap<string, string>;
  /**
   * The source delivers these drafts again from a position the caller saves with them (in
   * `withLastBatch`, or after them with an ordinary commit): the batches then commit without
   * waiting for their WAL flush (PostgreSQL's `synchronous_commit = off`, ADR 0300). A database
   * crash may lose the last fraction of a second of commits, never a later one without an
   * earlier one, so the saved position is never ahead of the stored mentions. Leave it unset
   * where nothing delivers the drafts again (imports, live streams).
   */
  readonly replayable?: boolean;
}

/** A mention a batch actually inserted (not one skipped as already stored). */
export interface InsertedMention {
  readonly id: string;
  readonly workspaceId: string;
  readonly sourceId: string | null;
  readonly network: string;
  readonly authorHandle: string;
  readonly lang: string;
  readonly sentiment: Sentiment;
  readonly matchedQueries: readonly string[];
  readonly publishedAt: Date;
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

/** A batch ready to store: its new rows analysed, and on PostgreSQL their COPY data and rollup deltas. */
interface PreparedBatch {
  readonly rows: readonly IngestedMention[];
  readonly copy: PreparedCopy | null;
  /** The rollups of all `rows` (what the direct COPY inserts). */
  readonly rollups: RollupDeltas | null;
}

/** A row of a batch copied straight into the table was stored since its look-up. */
class StoredMeanwhile extends Error {
  constructor(cause: unknown) {
    super('a mention of the batch was stored since it was looked up', { cause });
  }
}

const rowAt = (rows: readonly IngestedMention[], index: number): IngestedMention => {
  const m = rows[index];
  if (!m) throw new Error(`the insert returned a row that is not in its batch (${index})`);
  return m;
};

export const storeDrafts = async (drafts: readonly MentionDraft[], o: StoreDraftsOptions): Promise<StoreReport> => {
  const { db, workspaceId, sourceId } = o;
  const batchSize = o.batchSize ?? 500;
  const fetchedAt = o.clock.now();
  const matcher = globalMatcher(db);
  /** `author:` matches the verified handle of a DID, and the handle the draft's view gave with it (ADR 0240, 0280). */
  const aliasesOf = (author: MentionDraft['author']): readonly string[] | null => {
    const verified = o.authorAliases?.get(author.handle);
    const hint = author.handleHint;
    if (verified && hint && hint !== verified) return [verified, hint];
    const alias = verified ?? hint;
    return alias ? [alias] : null;
  };
  const pool = analysisPool();
  const engineHere = runsInThisThread(db);
  const windowStart = new Date(fetchedAt.getTime() - nearDuplicateWindowMs);
  // On PGlite the staging path measured cheaper than the direct COPY at 100k rows (ADR 0180).
  const directCopy = !engineHere;

  // Repeated ids within one fetch: the first one wins.
  const seen = new Set<string>();
  const unique = drafts.filter((d) => {
    const k = `${d.network}\u0000${d.externalId}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  let near = 0;
  let metricsRefreshed = 0;

  /**
   * Stage 1, in three steps each run for one batch at a time and in order, so that one batch's
   * look-ups overlap the previous batch's analysis (ADR 0320): `lookUp` (what of the batch is new),
   * `analyseFresh` (language, sentiment, fingerprint in the worker), `finish` (near-duplicates,
   * queries, and for the direct COPY the batch's COPY data, ADR 0270, and rollup deltas, ADR
   * 0300), so that stage 2, the pipeline's critical path, only sends them.
   */
  interface LookedUp {
    readonly fresh: readonly MentionDraft[];
    readonly texts: readonly string[];
    readonly inputs: readonly AnalysisInput[];
  }
  const asynchronousCommit = o.replayable === true && !engineHere;

  /** What of batch b is new (and the engagement counts of what is not). */
  const lookUp = async (b: number): Promise<LookedUp> => {
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
    const texts = fresh.map((d) => clean(d.text));
    const inputs = fresh.map((d, i): AnalysisInput => {
      const text = texts[i] as string;
      return { text: d.title && !text.includes(d.title) ? `${d.title}\n${text}` : text, fingerprintText: d.text, declaredLang: d.declaredLang ?? null };
    });
    return { fresh, texts, inputs };
  };

  /** The analysis of the new drafts (worker), with the matcher synced meanwhile. */
  const analyseFresh = async (l: LookedUp): Promise<AnalysedBatch | null> => {
    if (l.fresh.length === 0) return null;
    const [analysed] = await Promise.all([pool.analyse(l.inputs), matcher.syncWorkspace(workspaceId)]);
    return analysed;
  };

  /** Near-duplicates, queries, and what the insert sends. */
  const finish = async (l: LookedUp, analysed: AnalysedBatch | null): Promise<PreparedBatch> => {
    if (!analysed) return { rows: [], copy: null, rollups: null };
    const { fresh, texts } = l;
    const hashes = [...new Set(analysed.hash.filter((h): h is string => h !== null))];
    const earlier = await findRecentTextHashes(db, workspaceId, sourceId, hashes, windowStart);
    const rows = fresh.map((d, i): IngestedMention => {
      const text = texts[i] as string;
      const lang = analysed.lang[i] as string;
      const hash = analysed.hash[i] ?? null;
      const dup = hash ? (earlier.get(hash) ?? null) : null;
      if (dup) near++;
      return {
        ...d,
        text,
        ...(d.html !== undefined ? { html: clean(d.html) } : {}),
        sourceId,
        lang,
        sentiment: { label: labels[analysed.label[i] as number] ?? 'neutral', score: analysed.score[i] as number },
        matchedQueries: matcher.matchWorkspace(workspaceId, {
          text: d.title ? `${d.title}\n${text}` : text,
          lang,
          source: d.network,
          author: d.author.handle,
          authorAliases: aliasesOf(d.author),
          url: d.url ?? null,
        }),
        fetchedAt,
        textHash: hash,
        nearDuplicateOf: dup,
      };
    });
    if (!directCopy) return { rows, copy: null, rollups: null };
    return { rows, copy: prepareMentionsCopy(workspaceId, rows), rollups: rollupDeltas(workspaceId, rows, fetchedAt) };
  };

  /**
   * Stage 2: one transaction: the insert, what follows it, and the caller's write with the last
   * batch. `direct`: the rows were all new at their look-up, so they are copied straight into
   * the table; if one was stored since, the COPY fails (StoredMeanwhile) and the batch is run
   * again through the staging table, which skips it (ADR 0180).
   */
  /** The pairs this call's committed batches wrote: a later batch need not ask about them (ADR 0320). */
  const written = new WrittenPairs();
  const store = async (
    tx: Db,
    batch: PreparedBatch,
    last: boolean,
    direct: boolean,
  ): Promise<{ inserted: number; rollups: { deltas: RollupDeltas; written: RollupWritten } | null }> => {
    const { rows } = batch;
    let inserted;
    let copied = false;
    if (direct && batch.copy) {
      try {
        inserted = await copyPreparedMentions(tx, batch.copy);
        copied = true;
      } catch (e) {
        throw isUniqueViolation(e) ? new StoredMeanwhile(e) : e;
      }
    } else inserted = await insertIngestedMentionsByCopy(tx, workspaceId, rows);
    // The measure rollups count exactly the rows this batch inserted, in its transaction (ADR 0150),
    // summed from the rows in memory (ADR 0180): ahead of time when the COPY inserted them all.
    // A replayable batch's commit does not wait for its WAL flush: set with the rollups' lock.
    const commit = { asynchronousCommit };
    // Either way the write skips the pairs this call's earlier batches wrote (ADR 0320).
    const deltas = copied ? batch.rollups : rollupDeltas(workspaceId, inserted.map(({ index }) => rowAt(rows, index)), fetchedAt);
    const rollups = deltas ? { deltas, written: await writeRollupDeltas(tx, deltas, commit, written.skippable(deltas)) } : null;
    if (o.afterInsert && inserted.length > 0) {
      await o.afterInsert(
        tx,
        inserted.map(({ id, index }): InsertedMention => {
          const m = rowAt(rows, index);
          return {
            id,
            workspaceId,
            sourceId,
            network: m.network,
            authorHandle: m.author.handle,
            lang: m.lang,
            sentiment: m.sentiment ?? { label: 'neutral', score: 0 },
            matchedQueries: m.matchedQueries,
            publishedAt: m.publishedAt,
          };
        }),
      );
    }
    if (last && o.withLastBatch) {
      const total = stored + inserted.length;
      await o.withLastBatch(tx, { received: drafts.length, stored: total, duplicates: drafts.length - total, nearDuplicates: near, metricsRefreshed });
    }
    return { inserted: inserted.length, rollups };
  };

  let stored = 0;
  let done = 0;
  const batches = Math.max(1, Math.ceil(unique.length / batchSize));
  // The preparation stage runs up to `prepareAhead` batches ahead of the inserts (ADR 0320): each
  // of its steps takes the batches in order, one at a time (the worker is never handed two
  // batches at once), and a batch's look-ups run while the batch before it is analysed.
  const prepared = new Map<number, Promise<PreparedBatch>>();
  let lookedUp: Promise<unknown> = Promise.resolve();
  let analysedUp: Promise<unknown> = Promise.resolve();
  let finishedUp: Promise<unknown> = Promise.resolve();
  const settled = (p: Promise<unknown>): Promise<unknown> => p.catch(() => {});
  const enqueue = (b: number): void => {
    if (b >= batches || prepared.has(b)) return;
    const l = lookedUp.then(() => lookUp(b));
    const a = Promise.all([analysedUp, l]).then(([, x]) => analyseFresh(x));
    const p = Promise.all([finishedUp, l, a]).then(([, x, y]) => finish(x, y));
    lookedUp = settled(l);
    analysedUp = settled(a);
    finishedUp = settled(p);
    // Awaited at its turn (a failure surfaces there); this keeps it from counting as unhandled meanwhile.
    void settled(p);
    prepared.set(b, p);
  };
  for (let b = 0; b < prepareAhead; b++) enqueue(b);
  for (let b = 0; b < batches; b++) {
    const next = prepared.get(b) as Promise<PreparedBatch>;
    prepared.delete(b);
    // Waiting is when this thread analyses queued chunks itself (ADR 0131).
    const batch = await pool.helpUntil(next);
    enqueue(b + prepareAhead);
    const last = b === batches - 1;
    // One transaction per batch: the staging rows of the COPY live until its commit.
    const storing =
      batch.rows.length > 0 || (last && o.withLastBatch)
        ? db.transaction((tx) => store(tx, batch, last, directCopy)).catch((e: unknown) => {
            if (!(e instanceof StoredMeanwhile)) throw e;
            return db.transaction((tx) => store(tx, batch, last, false));
          })
        : Promise.resolve({ inserted: 0, rollups: null });
    // This thread does not help the analysis meanwhile (ADR 0270): the insert is the pipeline's
    // critical path, a chunk analysed here would hold its next statement back by the chunk's
    // length, and with the database on the same machine it would take a core from it; the worker
    // analyses the next batch meanwhile. (PGlite runs in this thread anyway.)
    const result = await storing;
    stored += result.inserted;
    // Committed: the pairs its rollup write covered are stored.
    if (result.rollups) written.committed(result.rollups.deltas, result.rollups.written);
    done += Math.min(batchSize, unique.length - b * batchSize);
    o.onProgress?.(Math.max(0, done), unique.length);
  }
  return { received: drafts.length, stored, duplicates: drafts.length - stored, nearDuplicates: near, metricsRefreshed };
};
