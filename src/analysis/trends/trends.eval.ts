/**
 * Trends on synthetic streams with planted bursts (see testing/planted-stream.ts):
 * precision and recall of the reported emerging terms against the planted ones,
 * pooled over many seeds, for the default settings and for variants that show
 * what each safeguard is worth. Target (issue 4): recall ≥ 0.9 at precision ≥ 0.8.
 */
import { findTrends } from './find-trends.ts';
import type { EmergingOptions } from './emerging.ts';
import { plantedStream, type PlantedStream } from './testing/planted-stream.ts';

const SEEDS = 40;
const streams: PlantedStream[] = [];
const t0 = performance.now();
for (let s = 1; s <= SEEDS; s++) streams.push(plantedStream(s));
const genMs = performance.now() - t0;

interface Row {
  name: string;
  options: Partial<EmergingOptions>;
}
const rows: Row[] = [
  { name: 'default (distinct authors, smoothing 0.5, share ≤ 0.5)', options: {} },
  { name: 'single-author bursts kept', options: { keepConcentrated: true } },
  { name: 'no minimum of people (minAuthors 1)', options: { minAuthors: 1 } },
  { name: 'almost no smoothing (0.01), no score gate', options: { smoothing: 0.01, minScore: 0 } },
  { name: 'no weekday baseline', options: { weekly: false } },
  { name: 'no volume adjustment', options: { volumeAdjust: false } },
  { name: 'stricter (minAuthors 8)', options: { minAuthors: 8 } },
];

const pct = (x: number): string => x.toFixed(3);
console.log(`Trends on ${SEEDS} seeded streams (29 days × ~250 posts/day, 6 planted bursts of 6–50 posts each, 4 distractors); generated in ${(genMs / 1000).toFixed(1)} s\n`);
console.log('| settings | planted | reported | true pos. | precision | recall | distractors reported | ms/stream | target |');
console.log('|---|---|---|---|---|---|---|---|---|');
const byBand = new Map<string, { hit: number; all: number }>();
for (const row of rows) {
  let planted = 0;
  let reported = 0;
  let tp = 0;
  let distractors = 0;
  let ms = 0;
  for (const s of streams) {
    const t = performance.now();
    const found = findTrends(s.mentions, { now: s.now }, { ...row.options, limit: 50 });
    ms += performance.now() - t;
    const got = new Set(found.map((f) => f.term));
    planted += s.planted.length;
    reported += got.size;
    for (const p of s.planted) {
      const hit = got.has(p.term);
      if (hit) tp++;
      if (row === rows[0]) {
        const band = `${p.kind} term, ${p.recentPosts <= 10 ? '6–10' : p.recentPosts <= 20 ? '11–20' : '21–50'} posts${p.daysBefore > 0 ? ', started earlier' : ''}`;
        const b = byBand.get(band) ?? { hit: 0, all: 0 };
        b.all++;
        if (hit) b.hit++;
        byBand.set(band, b);
      }
    }
    for (const d of s.distractors) if (got.has(d)) distractors++;
  }
  const precision = reported === 0 ? 1 : tp / reported;
  const recall = tp / planted;
  const target = row === rows[0] ? 'recall ≥ 0.9 at precision ≥ 0.8' : '';
  console.log(`| ${row.name} | ${planted} | ${reported} | ${tp} | ${pct(precision)} | ${pct(recall)} | ${distractors} | ${(ms / streams.length).toFixed(0)} | ${target} |`);
}
console.log('\nRecall of the default settings by kind of burst:\n');
console.log('| burst | planted | found | recall |');
console.log('|---|---|---|---|');
for (const [band, b] of [...byBand].sort((a, b) => (a[0] < b[0] ? -1 : 1))) console.log(`| ${band} | ${b.all} | ${b.hit} | ${pct(b.hit / b.all)} |`);

// The detection limit: only weak bursts (4 to 12 posts in the last day), default settings.
console.log('\nWeak bursts only (4–12 posts in the recent window), default settings:\n');
console.log('| posts in the window | planted | found | recall |');
console.log('|---|---|---|---|');
const weak = new Map<number, { hit: number; all: number }>();
let weakReported = 0;
let weakTp = 0;
for (let s = 1; s <= SEEDS; s++) {
  const stream = plantedStream(1000 + s, { minBurstPosts: 4, maxBurstPosts: 12 });
  const got = new Set(findTrends(stream.mentions, { now: stream.now }, { limit: 50 }).map((f) => f.term));
  weakReported += got.size;
  for (const p of stream.planted) {
    const b = weak.get(p.recentPosts) ?? { hit: 0, all: 0 };
    b.all++;
    if (got.has(p.term)) {
      b.hit++;
      weakTp++;
    }
    weak.set(p.recentPosts, b);
  }
}
for (const [n, b] of [...weak].sort((a, b) => a[0] - b[0])) console.log(`| ${n} | ${b.all} | ${b.hit} | ${pct(b.hit / b.all)} |`);
console.log(`\nWeak bursts overall: precision ${pct(weakReported ? weakTp / weakReported : 1)}, recall ${pct(weakTp / [...weak.values()].reduce((a, b) => a + b.all, 0))}`);
