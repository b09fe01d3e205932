import { reputationIndex } from '../../analysis/reputation/reputation-index.ts';
import type { MeasurePoint, MeasuresQuery, MeasureSeries } from '../../core/api/measures.ts';
import type { Clock } from '../../core/clock.ts';
import { fail } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import type { Db } from '../../storage/db.ts';
import { countDistinctAuthors, readBuckets, type BucketCounts } from '../../storage/measures.repo.ts';
import { findQuery } from '../../storage/queries.repo.ts';
import { allMentionsSeries } from '../../storage/rollups.repo.ts';
import { bucketsOf, resolveRange } from './range.ts';

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

const meanScore = (c: { positive: number; neutral: number; negative: number; scoreSum: number }): number | null => {
  const n = c.positive + c.neutral + c.negative;
  return n > 0 ? round(c.scoreSum / n, 4) : null;
};

const empty = { volume: 0, positive: 0, neutral: 0, negative: 0, scoreSum: 0, authors: 0, reach: 0, reachMentions: 0 };

/**
 * Volume, sentiment mix, unique authors, reach and the reputation index of one series (the
 * workspace's mentions, or one query's) per bucket, and over the whole range. Read from the
 * rollups only (two range scans), whatever the number of mentions.
 */
export const measureSeries = async (db: Db, workspaceId: string, q: MeasuresQuery, clock: Clock): Promise<MeasureSeries> => {
  const range = resolveRange(q, clock.now());
  let query: MeasureSeries['query'] = null;
  if (q.queryId !== undefined) {
    const found = isUuid(q.queryId) ? await findQuery(db, workspaceId, q.queryId) : null;
    if (!found) throw fail('query.not-found');
    query = { id: found.id, name: found.name, kind: found.kind };
  }
  const seriesId = query?.id ?? allMentionsSeries;
  const [rows, authors] = await Promise.all([
    readBuckets(db, workspaceId, [seriesId], range.grain, range.from, range.to),
    countDistinctAuthors(db, workspaceId, seriesId, range.grain, range.from, range.to, clock.now()),
  ]);
  const byTime = new Map<number, BucketCounts>(rows.map((r) => [r.bucket.getTime(), r]));
  const total = { ...empty };
  const points = bucketsOf(range).map((at): MeasurePoint => {
    const c = byTime.get(at.getTime()) ?? empty;
    for (const k of Object.keys(empty) as (keyof typeof empty)[]) total[k] += c[k];
    const rep = reputationIndex(c);
    return {
      at: at.toISOString(),
      volume: c.volume,
      positive: c.positive,
      neutral: c.neutral,
      negative: c.negative,
      meanScore: meanScore(c),
      authors: c.authors,
      reach: c.reach,
      reachMentions: c.reachMentions,
      reputation: { index: round(rep.index, 2), margin: round(rep.margin, 2) },
    };
  });
  const rep = reputationIndex(total);
  return {
    grain: range.grain,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    query,
    points,
    totals: {
      volume: total.volume,
      positive: total.positive,
      neutral: total.neutral,
      negative: total.negative,
      meanScore: meanScore(total),
      authors,
      reach: total.reach,
      reachMentions: total.reachMentions,
      reputation: {
        index: round(rep.index, 2),
        margin: round(rep.margin, 2),
        rawNet: round(rep.components.rawNet, 4),
        evidenceWeight: round(rep.components.evidenceWeight, 4),
      },
    },
  };
};
