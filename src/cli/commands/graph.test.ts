import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const karateGml = join(root, '..', 'shared', 'data', 'graph-benchmarks', 'karate', 'karate.gml');
const dir = mkdtempSync(join(tmpdir(), 'relais-graph-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
const csvFile = (text: string): string => {
  const path = join(dir, `edges-${files++}.csv`);
  writeFileSync(path, text);
  return path;
};

const relais = (args: string[], input = '') =>
  spawnSync(process.execPath, ['bin/relais.js', 'graph', ...args], { cwd: root, input, encoding: 'utf8' });

interface Output {
  nodes: { id: string; pagerank: number; community: number }[];
  communities: number;
  modularity: number;
}

const parse = (stdout: string): Output => JSON.parse(stdout) as Output;
const sum = (o: Output): number => o.nodes.reduce((s, n) => s + n.pagerank, 0);

// Two triangles (x, y, z) and (p, q, r) joined by z–p, listed so that first appearance is x y z p q r.
const TRIANGLES = 'source,target\nx,y\ny,z\nz,x\nz,p\np,q\nq,r\nr,p\n';

test('relais graph: the DESIGN §6 shape, nodes in first-appearance order, communities 0..N-1', () => {
  const r = relais(['--edges', csvFile(TRIANGLES)]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  const out = parse(r.stdout);
  assert.deepEqual(Object.keys(out), ['nodes', 'communities', 'modularity']);
  assert.deepEqual(out.nodes.map((n) => n.id), ['x', 'y', 'z', 'p', 'q', 'r']);
  for (const n of out.nodes) assert.deepEqual(Object.keys(n), ['id', 'pagerank', 'community']);
  assert.deepEqual(out.nodes.map((n) => n.community), [0, 0, 0, 1, 1, 1]);
  assert.equal(out.communities, 2);
  assert.ok(Math.abs(out.modularity - (6 / 7 - 0.5)) < 1e-12, `${out.modularity}`);
  assert.ok(Math.abs(sum(out) - 1) < 1e-9);
  // The bridge ends carry more than the others, and symmetry holds.
  const pr = Object.fromEntries(out.nodes.map((n) => [n.id, n.pagerank]));
  assert.ok((pr.z as number) > (pr.x as number));
  assert.ok(Math.abs((pr.z as number) - (pr.p as number)) < 1e-12);
});

test('relais graph --directed: edges followed one way; weights count; stdin with "-"', () => {
  const csv = 'source,target,weight\na,b,5\na,c,1\nb,a,1\nc,a,1\n';
  const undirected = parse(relais(['--edges', csvFile(csv)]).stdout);
  const r = relais(['--edges', '-', '--directed'], csv);
  assert.equal(r.status, 0, r.stderr);
  const directed = parse(r.stdout);
  const pr = (o: Output, id: string) => o.nodes.find((n) => n.id === id)?.pagerank ?? NaN;
  assert.ok(pr(directed, 'b') > 2 * pr(directed, 'c'));
  assert.notEqual(pr(directed, 'a'), pr(undirected, 'a'));
  assert.ok(Math.abs(sum(directed) - 1) < 1e-9);
});

test('relais graph --around: personalised PageRank; an unknown node is a usage error', () => {
  const path = csvFile('source,target\na,b\nb,c\nc,d\n');
  const plain = parse(relais(['--edges', path]).stdout);
  const r = relais(['--edges', path, '--around', 'd', '--around', 'c']);
  assert.equal(r.status, 0, r.stderr);
  const around = parse(r.stdout);
  const pr = (o: Output, id: string) => o.nodes.find((n) => n.id === id)?.pagerank ?? NaN;
  assert.ok(pr(around, 'd') > pr(plain, 'd') && pr(around, 'a') < pr(plain, 'a'));
  const bad = relais(['--edges', path, '--around', 'nobody']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /not a node of the graph: "nobody"/);
});

test('relais graph: self-loops ignored and said so on stderr; same input, same output', () => {
  const path = csvFile('source,target\na,a\na,b\nb,c\n');
  const r1 = relais(['--edges', path]);
  const r2 = relais(['--edges', path]);
  assert.equal(r1.status, 0);
  assert.match(r1.stderr, /1 self-loop ignored/);
  assert.equal(r1.stdout, r2.stdout);
});

const badInputs: [string, string, RegExp][] = [
  ['empty file', '', /line 1: the file is empty/],
  ['missing header', 'a,b\n', /line 1: expected the header source,target/],
  ['wrong column count', 'source,target\na,b\nc,d,e\n', /line 3: expected 2 fields/],
  ['non-numeric weight', 'source,target,weight\na,b,1\na,c,lots\n', /line 3: weight "lots" is not a number/],
];
for (const [what, csv, message] of badInputs) {
  test(`relais graph, bad input (${what}): exit 2, the line named, no stack trace`, () => {
    const path = csvFile(csv);
    const r = relais(['--edges', path]);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, message);
    assert.ok(r.stderr.includes(path), 'names the file');
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });
}

test('relais graph: usage errors exit 2 (no --edges, unknown option, missing file, bad seed)', () => {
  for (const args of [[], ['--edge', 'x'], ['--edges', join(dir, 'nope.csv')], ['--edges', csvFile(TRIANGLES), '--seed', 'x']]) {
    const r = relais(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  }
  const help = relais(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--edges FILE\.csv/);
});

test('relais graph on the karate club: 34 nodes, leaders 34 and 1 on top, 4 communities, Q in [0.39, 0.42]', (t) => {
  if (!existsSync(karateGml)) return t.skip('karate club data absent (../shared/data/graph-benchmarks/karate): skipped');
  const pairs = [...readFileSync(karateGml, 'utf8').matchAll(/\bsource\s+(\d+)\s+target\s+(\d+)/g)].map((m) => `${m[1]},${m[2]}`);
  assert.equal(pairs.length, 78);
  const r = relais(['--edges', csvFile(`source,target\n${pairs.join('\n')}\n`)]);
  assert.equal(r.status, 0, r.stderr);
  const out = parse(r.stdout);
  assert.equal(out.nodes.length, 34);
  const top = [...out.nodes].sort((a, b) => b.pagerank - a.pagerank);
  assert.deepEqual(top.slice(0, 2).map((n) => n.id), ['34', '1']);
  assert.ok(Math.abs((top[0]?.pagerank ?? 0) - 0.10092) < 1e-5);
  assert.equal(out.communities, 4);
  assert.ok(out.modularity >= 0.39 && out.modularity <= 0.42, `${out.modularity}`);
  // Communities are numbered by decreasing size.
  const sizes = Array.from({ length: out.communities }, (_, c) => out.nodes.filter((n) => n.community === c).length);
  assert.deepEqual(sizes, [...sizes].sort((a, b) => b - a));
});
