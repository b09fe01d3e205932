// Runs every `*.bench.ts` (npm run bench) or `*.eval.ts` (npm run eval) under src/,
// one process each, in path order. Extra arguments filter by substring:
// `npm run bench -- match` runs only the files whose path contains "match".
import { glob } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';

const kind = process.argv[2];
if (kind !== 'bench' && kind !== 'eval') {
  process.stderr.write('usage: node scripts/run-each.ts bench|eval [filter…]\n');
  process.exit(2);
}
const filters = process.argv.slice(3);
const files: string[] = [];
for await (const f of glob(`src/**/*.${kind}.ts`)) files.push(f);
files.sort();
const chosen = files.filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
if (chosen.length === 0) {
  process.stderr.write(`no ${kind} files match ${filters.join(' ') || '(all)'}\n`);
  process.exit(1);
}
let failed = 0;
for (const f of chosen) {
  process.stdout.write(`\n=== ${f}\n`);
  const r = spawnSync(process.execPath, ['--expose-gc', f], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    process.stdout.write(`!!! ${f} exited with ${r.status ?? r.signal}\n`);
  }
}
process.exit(failed ? 1 : 0);
