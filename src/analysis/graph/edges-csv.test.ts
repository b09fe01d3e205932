import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AppError } from '../../core/errors.ts';
import { edgeCount, type CsrGraph } from './csr.ts';
import { parseEdgesCsv, splitCsvLine } from './edges-csv.ts';

const arcs = (g: CsrGraph): string[] => {
  const out: string[] = [];
  for (let i = 0; i < g.ids.length; i++) {
    for (let k = g.offsets[i] as number; k < (g.offsets[i + 1] as number); k++) out.push(`${g.ids[i]}>${g.ids[g.targets[k] as number]}:${g.weights[k]}`);
  }
  return out.sort();
};

test('header source,target: unit weights, undirected by default, trailing newline and blank lines fine', () => {
  const g = parseEdgesCsv('source,target\na,b\n\nb,c\n');
  assert.deepEqual(g.ids, ['a', 'b', 'c']);
  assert.equal(edgeCount(g), 2);
  assert.equal(g.directed, false);
});

test('weights, duplicates summed, --directed, CRLF, BOM, header case and spaces', () => {
  const g = parseEdgesCsv('\ufeffSource , Target , WEIGHT\r\na,b,1.5\r\na,b,2e0\r\nb,a,.5\r\n', { directed: true });
  assert.deepEqual(arcs(g), ['a>b:3.5', 'b>a:0.5']);
});

test('quoted fields: commas and doubled quotes inside ids; spaces around unquoted fields trimmed', () => {
  assert.deepEqual(splitCsvLine('"Dupont, Léa" , "say ""hi""",2', 1), ['Dupont, Léa', 'say "hi"', '2']);
  const g = parseEdgesCsv('source,target\n"Dupont, Léa", Marc \n');
  assert.deepEqual(g.ids, ['Dupont, Léa', 'Marc']);
});

test('self-loops are dropped and counted', () => {
  const g = parseEdgesCsv('source,target\na,a\na,b\n');
  assert.equal(g.droppedSelfLoops, 1);
  assert.equal(edgeCount(g), 1);
});

const bad: [string, string, RegExp][] = [
  ['empty file', '', /^line 1: the file is empty/],
  ['only white space', '\n  \n', /^line 1: the file is empty/],
  ['no header', 'a,b\nb,c\n', /^line 1: expected the header source,target or source,target,weight, found "a,b"/],
  ['wrong header', 'from,to\na,b\n', /^line 1: expected the header/],
  ['header with a fourth column', 'source,target,weight,time\na,b,1,2\n', /^line 1: expected the header/],
  ['header only', 'source,target\n', /^line 1: no edge after the header/],
  ['too many fields', 'source,target\na,b\na,b,c\n', /^line 3: expected 2 fields \(source,target\), found 3/],
  ['too few fields', 'source,target,weight\na,b,1\n\nc,d\n', /^line 4: expected 3 fields \(source,target,weight\), found 2/],
  ['non-numeric weight', 'source,target,weight\na,b,heavy\n', /^line 2: weight "heavy" is not a number/],
  ['numeric prefix only', 'source,target,weight\na,b,1x\n', /^line 2: weight "1x" is not a number/],
  ['empty weight', 'source,target,weight\na,b,\n', /^line 2: weight "" is not a number/],
  ['negative weight', 'source,target,weight\na,b,-1\n', /^line 2: weight -1 must be a finite number ≥ 0/],
  ['infinite weight', 'source,target,weight\na,b,1e999\n', /^line 2: weight 1e999 must be a finite number/],
  ['empty source', 'source,target\n,b\n', /^line 2: empty source/],
  ['empty target', 'source,target\na,""\n', /^line 2: empty target/],
  ['unterminated quote', 'source,target\n"a,b\n', /^line 2: unterminated quoted field/],
  ['text after a quoted field', 'source,target\n"a"x,b\n', /^line 2: unexpected character after a quoted field, at column 4/],
  ['stray quote', 'source,target\na"b,c\n', /^line 2: a quote inside an unquoted field, at column 2/],
];

for (const [what, csv, message] of bad) {
  test(`bad input, ${what}: AppError bad-request naming the line`, () => {
    assert.throws(
      () => parseEdgesCsv(csv),
      (e: unknown) => e instanceof AppError && e.code === 'bad-request' && message.test(e.message),
    );
  });
}

test('property: any ids, written with quoting where needed, read back as the same edges', () => {
  const quote = (id: string) => (/[",]|^\s|\s$/.test(id) ? `"${id.replaceAll('"', '""')}"` : id);
  const id = fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !/[\r\n]/.test(s) && s.trim() !== '');
  fc.assert(
    fc.property(fc.array(fc.tuple(id, id, fc.integer({ min: 0, max: 1000 })), { minLength: 1, maxLength: 30 }), (edges) => {
      const csv = `source,target,weight\n${edges.map(([s, t, w]) => `${quote(s)},${quote(t)},${w / 4}`).join('\n')}\n`;
      const g = parseEdgesCsv(csv, { directed: true, selfLoops: 'keep' });
      const expected = new Map<string, number>();
      for (const [s, t, w] of edges) expected.set(`${s}>${t}:`, (expected.get(`${s}>${t}:`) ?? 0) + w / 4);
      assert.deepEqual(arcs(g), [...expected].map(([k, w]) => `${k}${w}`).sort());
    }),
    { numRuns: 300, seed: 42 },
  );
});

test('property: arbitrary text never escapes as anything but a graph or a line-numbered bad-request', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200, unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', '1', '.', '-', 'e') }), (body) => {
      try {
        parseEdgesCsv(`source,target,weight\n${body}`);
      } catch (e) {
        assert.ok(e instanceof AppError && e.code === 'bad-request' && /^line \d+: /.test(e.message), String(e));
      }
    }),
    { numRuns: 500, seed: 7 },
  );
});
