// Evaluation of language detection (npm run eval -- lang): accuracy on the UMSAB French and English
// tweets, ours against raw eld/small measured in the same run. `und` counts as wrong.
import { eld } from 'eld/small';
import { detectLanguage } from './detect.ts';
import { missing, readTweets, type Split } from '../sentiment/testing/datasets.ts';

const absent = missing('fr-en-tweets-sentiment-umsab/french/test_text.txt');
if (absent) {
  process.stdout.write(`${absent}\n`);
  process.exit(0);
}

const rows: string[][] = [];
for (const splits of [['test'], ['train', 'val', 'test']] as Split[][]) {
  let n = 0;
  let ours = 0;
  let raw = 0;
  let und = 0;
  for (const [name, code] of [
    ['french', 'fr'],
    ['english', 'en'],
  ] as const) {
    for (const split of splits) {
      for (const t of readTweets(name, split)) {
        n++;
        const d = detectLanguage(t.text);
        if (d === code) ours++;
        if (d === 'und') und++;
        if (eld.detect(t.text).language === code) raw++;
      }
    }
  }
  const set = `FR+EN tweets, ${splits.join('+')} (${n})`;
  rows.push([set, 'accuracy', 'eld/small 0.988, franc-min 0.907', (ours / n).toFixed(3), `${und} und`]);
  rows.push([`  baseline: raw eld/small, this run`, 'accuracy', '', (raw / n).toFixed(3), '']);
}
const head = ['set', 'metric', 'anchor', 'result', 'note'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |\n`;
process.stdout.write(line(head) + line(widths.map((w) => '-'.repeat(w))) + rows.map(line).join(''));
