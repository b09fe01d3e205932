import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { missing, repoRoot } from './testing/datasets.ts';

// The committed weights must be exactly what the training script writes from the data (ADR 0041):
// no hand edits, no stale file after a change of features or training. The French long-text
// settings are tuned on the book reviews (ADR 0260), so both data sets are needed.
const absent = missing('fr-en-tweets-sentiment-umsab/french/train_text.txt') ?? missing('fr-book-reviews-pattern/polarity-fr-amazon.csv');

test('scripts/train-sentiment.ts reproduces the committed weights byte for byte', { skip: absent, timeout: 300_000 }, () => {
  const r = spawnSync(process.execPath, ['scripts/train-sentiment.ts', '--check'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(r.status, 0, `${r.stderr}\n${r.stdout.split('\n').slice(-3).join('\n')}`);
  assert.match(r.stdout, /reproduced byte for byte/u);
});
