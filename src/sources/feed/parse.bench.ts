/**
 * Feed parsing throughput (npm run bench -- parse): MB/s over feedparser's suite and over a
 * generated 1 MB RSS feed, each against baselines measured in the same run:
 *   - a raw TextDecoder pass (the floor: bytes → string),
 *   - feedsmith alone (syntax only, no decoding, no normalisation, no sanitising).
 * relais's parseFeed = decode + feedsmith + normalise + sanitise + plain text.
 */
import { existsSync } from 'node:fs';
import { parseFeed as feedsmithParse } from 'feedsmith';
import { parseFeed } from './parse.ts';
import { loadSuite, suiteRoot } from './testing/feedparser-suite.ts';

const generatedFeed = (targetBytes: number): Uint8Array => {
  const items: string[] = [];
  let size = 0;
  for (let i = 0; size < targetBytes; i++) {
    const item = `<item><title>Post ${i}: l&#8217;atelier &amp; la mode lente</title><link>https://blog.example/p/${i}</link>
<guid isPermaLink="false">post-${i}</guid><pubDate>Tue, ${String((i % 28) + 1).padStart(2, '0')} Jan 2026 09:30:00 +0100</pubDate>
<category>slowfashion</category><description><![CDATA[<p>Merci à <a href="/u/${i}">@lea</a> pour ce <b>retour</b> !</p><p>Une collection <i>éthique</i>, made in Lyon.</p><img src="/img/${i}.jpg" onerror="x()"><script>track(${i})</script>]]></description></item>\n`;
    items.push(item);
    size += item.length;
  }
  return new TextEncoder().encode(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench</title><link>https://blog.example/</link>${items.join('')}</channel></rss>`);
};

interface Corpus {
  readonly name: string;
  readonly docs: readonly Uint8Array[];
  readonly bytes: number;
}

const time = (fn: () => void, minMs = 1500): number => {
  fn(); // warm-up
  let runs = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    fn();
    runs++;
    elapsed = performance.now() - start;
  } while (elapsed < minMs);
  return elapsed / runs;
};

const corpora: Corpus[] = [];
const big = generatedFeed(1024 * 1024);
corpora.push({ name: 'generated RSS, 1 MB', docs: [big], bytes: big.length });
if (existsSync(suiteRoot())) {
  const suite = (await loadSuite()).map((c) => c.bytes);
  corpora.push({ name: `feedparser suite, ${suite.length} files`, docs: suite, bytes: suite.reduce((n, d) => n + d.length, 0) });
} else {
  process.stdout.write('note: feedparser suite not found at ../shared/data/feedparser-tests; only the generated feed is measured\n');
}

const decoder = new TextDecoder();
const rows: string[] = [];
rows.push(`${'corpus'.padEnd(32)} ${'method'.padEnd(38)} ${'ms/pass'.padStart(9)} ${'MB/s'.padStart(8)} ${'vs feedsmith'.padStart(13)}`);
for (const c of corpora) {
  const texts = c.docs.map((d) => decoder.decode(d));
  const methods: Array<[string, () => void]> = [
    ['baseline: TextDecoder only', () => { for (const d of c.docs) decoder.decode(d); }],
    ['baseline: feedsmith alone (on text)', () => { for (const t of texts) { try { feedsmithParse(t); } catch { /* counted as work done */ } } }],
    ['relais parseFeed (bytes → ParsedFeed)', () => { for (const d of c.docs) { try { parseFeed(d, { url: 'https://blog.example/feed' }); } catch { /* FeedParseError */ } } }],
  ];
  const results = methods.map(([name, fn]) => [name, time(fn)] as const);
  const feedsmithMs = results[1]?.[1] ?? 1;
  for (const [name, ms] of results) {
    const mbps = c.bytes / (1024 * 1024) / (ms / 1000);
    rows.push(`${c.name.padEnd(32)} ${name.padEnd(38)} ${ms.toFixed(2).padStart(9)} ${mbps.toFixed(2).padStart(8)} ${(feedsmithMs / ms).toFixed(2).padStart(12)}×`);
  }
}
process.stdout.write(`${rows.join('\n')}\n(vs feedsmith: >1 is faster than feedsmith alone, <1 slower; MB = 2^20 bytes of input)\n`);
