import { performance } from 'node:perf_hooks';
import { htmlToText } from '../feed/html.ts';
import { hitSchema, pageSchema } from './hit.ts';
import { hitsToDrafts } from './normalise.ts';
import { askHn, commentWithLink, nestedComment, storyWithUrl } from './testing/algolia-fixtures.ts';

/**
 * Cost of reading one search page of 1,000 hits (the API's largest page), against the baseline
 * of JSON.parse alone: + envelope check, + zod per hit, + full normalisation (HTML to text and
 * sanitised display HTML), and the rejected variant that parses each body twice (htmlToText
 * beside the sanitiser, ADR 0095). Run: node src/sources/hackernews/normalise.bench.ts
 */

const templates = [storyWithUrl, askHn, commentWithLink, nestedComment];
const hits = Array.from({ length: 1000 }, (_, i) => {
  const t = templates[i % templates.length]!;
  return { ...t, objectID: String(42000000 + i), created_at_i: 1768400000 + i };
});
const body = JSON.stringify({ hits, nbHits: hits.length, page: 0, nbPages: 1, hitsPerPage: 1000 });

const time = (name: string, fn: () => void): { name: string; ms: number } => {
  for (let i = 0; i < 3; i++) fn();
  const runs: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    fn();
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  return { name, ms: runs[Math.floor(runs.length / 2)]! };
};

const rows = [
  time('JSON.parse (baseline)', () => void JSON.parse(body)),
  time('+ envelope check', () => void pageSchema.parse(JSON.parse(body))),
  time('+ zod per hit', () => {
    for (const h of pageSchema.parse(JSON.parse(body)).hits) hitSchema.safeParse(h);
  }),
  time('full normalisation', () => void hitsToDrafts(pageSchema.parse(JSON.parse(body)).hits)),
  time('two parses (rejected)', () => {
    const page = pageSchema.parse(JSON.parse(body));
    hitsToDrafts(page.hits);
    for (const h of page.hits) {
      const b = (h as { comment_text?: string | null; story_text?: string | null }).comment_text ?? (h as { story_text?: string | null }).story_text;
      if (b) htmlToText(b);
    }
  }),
];
const base = rows[0]!.ms;
console.log(`Hacker News page of ${hits.length} hits (${(body.length / 1024).toFixed(0)} KiB), median of 15 runs`);
console.log('step'.padEnd(24), 'ms/page'.padStart(9), 'hits/s'.padStart(10), 'x baseline'.padStart(11));
for (const r of rows) {
  console.log(r.name.padEnd(24), r.ms.toFixed(2).padStart(9), Math.round((hits.length / r.ms) * 1000).toString().padStart(10), (r.ms / base).toFixed(1).padStart(11));
}
