import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adjustedRandIndex, normalizedMutualInformation } from './partition-agreement.ts';
import { seededRandom } from '../random.ts';

const close = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} vs ${expected}`);

test('identical partitions, up to renaming: NMI = ARI = 1', () => {
  const a = [0, 0, 1, 1, 2, 2];
  const b = [5, 5, 3, 3, 9, 9];
  close(normalizedMutualInformation(a, b), 1, 'NMI');
  close(adjustedRandIndex(a, b), 1, 'ARI');
});

test('known values (as scikit-learn computes them)', () => {
  // sklearn.metrics.adjusted_rand_score([0,0,1,1],[0,0,1,2]) = 0.5714285714285715
  close(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2]), 4 / 7, 'ARI');
  // normalized_mutual_info_score([0,0,1,1],[0,0,1,2]) = 0.8 (H = ln 2 and 1.5 ln 2, I = ln 2)
  close(normalizedMutualInformation([0, 0, 1, 1], [0, 0, 1, 2]), 0.8, 'NMI');
  // All in one block against all apart: no information shared.
  close(normalizedMutualInformation([0, 0, 0, 0], [0, 1, 2, 3]), 0, 'NMI');
  close(adjustedRandIndex([0, 0, 0, 0], [0, 1, 2, 3]), 0, 'ARI');
});

test('independent random partitions: both near 0', () => {
  const rnd = seededRandom(3);
  const a = Array.from({ length: 20000 }, () => Math.floor(rnd() * 5));
  const b = Array.from({ length: 20000 }, () => Math.floor(rnd() * 5));
  assert.ok(Math.abs(adjustedRandIndex(a, b)) < 0.01);
  assert.ok(normalizedMutualInformation(a, b) < 0.01);
  assert.throws(() => adjustedRandIndex([0], [0, 1]), RangeError);
});
