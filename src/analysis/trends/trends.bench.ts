/**
 * Cost of trends on a month of mentions (planted stream, ~100k posts): the full
 * path from texts (`findTrends`), the rollup path (`detectEmerging` over day
 * buckets already counted), and the topic summary, each against the baseline of
 * merely extracting the terms of every text once, measured in the same run.
 */
import { countBuckets, countWindow, DAY_MS, type TrendMention } from './counts.ts';
import { detectEmerging } from './emerging.ts';
import { findTrends } from './find-trends.ts';
import { summarizeTopic } from './summary.ts';
import { termsOfText } from './terms.ts';
import { plantedStream } from './testing/planted-stream.ts';

const stream = plantedStream(1, { postsPerDay: 3300 });
const mentions = stream.mentions;
const now = stream.now.getTime();
const bytes = mentions.reduce((s, m) => s + (m.text?.length ?? 0), 0);

const time = (fn: () => unknown, runs = 3): number => {
  fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    fn();
    t.push(performance.now() - s);
  }
  return t.sort((a, b) => a - b)[Math.floor(runs / 2)] as number;
};

const baseline = time(() => {
  let n = 0;
  for (const m of mentions) n += termsOfText(m.text ?? '').length;
  return n;
});
const full = time(() => findTrends(mentions, { now: stream.now }));
const withTerms: TrendMention[] = mentions.map((m) => ({ ...m, terms: termsOfText(m.text ?? '') }));
const counted = time(() => findTrends(withTerms, { now: stream.now }));
const recent = countWindow(withTerms, now - DAY_MS, now);
const buckets = countBuckets(withTerms, now - 29 * DAY_MS, now - DAY_MS, DAY_MS);
const rollup = time(() => detectEmerging({ recent, baseline: buckets }), 11);
const summary = time(() => summarizeTopic(withTerms, { from: now - 7 * DAY_MS, to: now }));

console.log(`Trends on ${mentions.length.toLocaleString('en')} mentions (${(bytes / 1e6).toFixed(1)} MB of text, 29 days), median of 3 runs (11 for the rollup path)\n`);
console.log('| step | ms | mentions/s | ratio to the baseline |');
console.log('|---|---|---|---|');
const row = (name: string, ms: number): void =>
  console.log(`| ${name} | ${ms.toFixed(1)} | ${Math.round((mentions.length / ms) * 1000).toLocaleString('en')} | ${(ms / baseline).toFixed(2)} |`);
row('baseline: terms of every text once', baseline);
row('findTrends from texts (terms, counts, scoring)', full);
row('findTrends with terms precomputed (counts, scoring)', counted);
row('detectEmerging over day buckets already counted (rollup path)', rollup);
row('summarizeTopic, last 7 days, terms precomputed', summary);
