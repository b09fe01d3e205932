import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../core/errors.ts';
import { scoreEdgesCsv } from './graph-scores.ts';

test('scoreEdgesCsv: nodes in first-appearance order; communities by size, ties by first node', () => {
  // A pair (k, l) listed first, then a triangle (a, b, c): the triangle is community 0.
  const run = scoreEdgesCsv('source,target\nk,l\na,b\nb,c\nc,a\n');
  assert.deepEqual(run.scores.nodes.map((n) => [n.id, n.community]), [['k', 1], ['l', 1], ['a', 0], ['b', 0], ['c', 0]]);
  assert.equal(run.scores.communities, 2);
  // Two components: Q = Σ_c [L_c/m − (D_c/2m)²] = 1/4 − (2/8)² + 3/4 − (6/8)².
  assert.ok(Math.abs(run.scores.modularity - (1 / 4 - 1 / 16 + 3 / 4 - 9 / 16)) < 1e-12);
  assert.equal(run.droppedSelfLoops, 0);
  assert.ok(run.pagerankConverged);
});

test('scoreEdgesCsv: directed changes PageRank; self-loops counted; the seed is the only randomness', () => {
  const csv = 'source,target,weight\na,b,1\nb,c,1\nc,c,4\n';
  const undirected = scoreEdgesCsv(csv);
  const directed = scoreEdgesCsv(csv, { directed: true });
  assert.equal(directed.droppedSelfLoops, 1);
  const pr = (r: typeof directed, id: string) => r.scores.nodes.find((n) => n.id === id)?.pagerank ?? NaN;
  assert.ok(pr(directed, 'c') > pr(directed, 'a'));
  assert.ok(Math.abs(pr(undirected, 'a') - pr(undirected, 'c')) < 1e-12, 'a path a-b-c is symmetric');
  assert.deepEqual(scoreEdgesCsv(csv, { seed: 5 }), scoreEdgesCsv(csv, { seed: 5 }));
});

test('scoreEdgesCsv: bad input is a bad-request naming the line', () => {
  assert.throws(
    () => scoreEdgesCsv('source,target\na,b\nc\n'),
    (e: unknown) => e instanceof AppError && e.code === 'bad-request' && /^line 3:/.test(e.message),
  );
});

test('scoreEdgesCsv around: personalised PageRank concentrates near the chosen nodes; unknown ids refused', () => {
  const csv = 'source,target\na,b\nb,c\nc,d\nd,e\n';
  const plain = scoreEdgesCsv(csv);
  const around = scoreEdgesCsv(csv, { around: ['a'] });
  const pr = (r: typeof plain, id: string) => r.scores.nodes.find((n) => n.id === id)?.pagerank ?? NaN;
  assert.ok(pr(around, 'a') > pr(plain, 'a'));
  assert.ok(pr(around, 'e') < pr(plain, 'e'));
  assert.ok(pr(around, 'a') > pr(around, 'c') && pr(around, 'c') > pr(around, 'e'));
  assert.ok(Math.abs(around.scores.nodes.reduce((s, n) => s + n.pagerank, 0) - 1) < 1e-12);
  assert.deepEqual(around.scores.nodes.map((n) => n.community), plain.scores.nodes.map((n) => n.community));
  assert.throws(
    () => scoreEdgesCsv(csv, { around: ['a', 'zoé'] }),
    (e: unknown) => e instanceof AppError && e.code === 'bad-request' && e.message.includes('"zoé"'),
  );
});
