import type { ShareOfVoice, ShareOfVoiceQuery } from '../../core/api/measures.ts';
import type { Clock } from '../../core/clock.ts';
import type { Db } from '../../storage/db.ts';
import { readBuckets } from '../../storage/measures.repo.ts';
import { listQueries } from '../../storage/queries.repo.ts';
import { bucketsOf, resolveRange } from './range.ts';

const share = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1e4) / 1e4 : null);

/**
 * Share of voice: each brand or competitor query is a voice; its share is its volume over the
 * sum of all voices' volumes (per bucket and over the range). Trade queries are the topic, not
 * a voice, and are left out. A mention that matches two voices counts for both, which keeps the
 * shares summing to one (ADR 0150).
 */
export const shareOfVoice = async (db: Db, workspaceId: string, q: ShareOfVoiceQuery, clock: Clock): Promise<ShareOfVoice> => {
  const range = resolveRange(q, clock.now());
  // The brand's voices first, then the competitors', each in the order the queries were made.
  const voices = (await listQueries(db, workspaceId))
    .filter((x): x is typeof x & { kind: 'brand' | 'competitor' } => x.kind !== 'trade')
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'brand' ? -1 : 1));
  const rows = await readBuckets(db, workspaceId, voices.map((v) => v.id), range.grain, range.from, range.to);
  const index = new Map(voices.map((v, i) => [v.id, i]));
  const byTime = new Map<number, number[]>();
  const totals = voices.map(() => 0);
  for (const r of rows) {
    const i = index.get(r.seriesId);
    if (i === undefined) continue;
    let volumes = byTime.get(r.bucket.getTime());
    if (!volumes) byTime.set(r.bucket.getTime(), (volumes = voices.map(() => 0)));
    volumes[i] = r.volume;
    totals[i] = (totals[i] ?? 0) + r.volume;
  }
  const brandOf = (volumes: readonly number[]) => {
    let brand = 0;
    let all = 0;
    volumes.forEach((v, i) => {
      all += v;
      if (voices[i]?.kind === 'brand') brand += v;
    });
    return share(brand, all);
  };
  const sum = totals.reduce((a, b) => a + b, 0);
  return {
    grain: range.grain,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    entities: voices.map((v, i) => ({ queryId: v.id, name: v.name, kind: v.kind, volume: totals[i] ?? 0, share: share(totals[i] ?? 0, sum) })),
    brandShare: brandOf(totals),
    points: bucketsOf(range).map((at) => {
      const volumes = byTime.get(at.getTime()) ?? voices.map(() => 0);
      return { at: at.toISOString(), volumes, brandShare: brandOf(volumes) };
    }),
  };
};
