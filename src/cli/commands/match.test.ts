import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'relais-match-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
const queryFile = (queries: unknown): string => {
  const path = join(dir, `queries-${files++}.json`);
  writeFileSync(path, typeof queries === 'string' ? queries : JSON.stringify(queries));
  return path;
};

const relais = (input: string, args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['bin/relais.js', 'match', ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '', ...env },
  });

const jsonl = (xs: unknown[]): string => `${xs.map((x) => JSON.stringify(x)).join('\n')}\n`;
const outputOf = (stdout: string): unknown[] => stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as unknown);

const queries = queryFile([
  { id: 'barbier', query: 'barbier* -emploi' },
  { id: 'moustache-fr', query: 'moustache lang:fr' },
  { id: 'site', query: 'site:atelier.fr' },
  { id: 'lyon', query: '#Lyon OR @lea' },
  { id: 'phrase', query: '"slow fashion" -source:reddit' },
  { id: 'author', query: 'author:@lea moustache' },
]);

test('relais match: one line per input, in order, matches sorted; language detected where absent (DESIGN §6)', () => {
  const r = relais(
    jsonl([
      { id: 1, text: 'Le barbier de Lyon taille une belle moustache, voir https://www.atelier.fr/x' },
      { id: 'p2', text: "Offre d'emploi : barbier à #lyon", lang: 'fr' },
      { id: 'p3', text: 'A great moustache today @Lea@piaille.fr' },
      { id: 'p4', text: 'La moustache du jour', lang: 'en' },
      { id: 'p5', text: 'Slow-fashion à Lyon', source: 'mastodon' },
      { id: 'p6', text: 'Slow fashion', source: 'reddit', author: '@lea@piaille.fr' },
      { id: 'p7', text: 'Belle moustache', author: 'lea@piaille.fr', lang: 'fr', url: 'https://blog.atelier.fr/p/1' },
      { id: 'p8', text: '' },
    ]),
    ['--queries', queries],
  );
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.deepEqual(outputOf(r.stdout), [
    { id: 1, matches: ['barbier', 'moustache-fr', 'site'] },
    { id: 'p2', matches: ['lyon'] },
    { id: 'p3', matches: ['lyon'] },
    { id: 'p4', matches: [] },
    { id: 'p5', matches: ['phrase'] },
    { id: 'p6', matches: [] },
    { id: 'p7', matches: ['author', 'moustache-fr', 'site'] },
    { id: 'p8', matches: [] },
  ]);
});

test('relais match: numeric query ids come back as numbers, sorted as numbers', () => {
  const file = queryFile([{ id: 10, query: 'a' }, { id: 9, query: 'a OR b' }, { id: 'x', query: 'b' }]);
  const r = relais(jsonl([{ id: 1, text: 'a b' }]), ['--queries', file]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(outputOf(r.stdout), [{ id: 1, matches: [9, 10, 'x'] }]);
});

test('relais match: an invalid query exits 2 naming the query id and the position, before reading posts', () => {
  const file = queryFile([{ id: 'ok', query: 'a' }, { id: 'neg', query: 'a OR -b' }, { id: 7, query: 'x (slow' }]);
  const r = relais(jsonl([{ id: 1, text: 'a' }]), ['--queries', file]);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /query "neg" \(entry 2\): column 6 \(offset 5\): .*only says what to leave out/u);
  assert.match(r.stderr, /query 7 \(entry 3\): column 3 \(offset 2\): .*never closed/u);
  assert.doesNotMatch(r.stderr, /\n\s+at /u, 'no stack trace');
  const fr = relais('', ['--queries', file], { LANG: 'fr_FR.UTF-8' });
  assert.equal(fr.status, 2);
  assert.match(fr.stderr, /query "neg" \(entry 2\): colonne 6 \(position 5\) : Cette partie/u);
  assert.match(relais('', ['--queries', file, '--locale', 'fr']).stderr, /colonne 3 \(position 2\)/u);
});

test('relais match: a bad query file or missing option exits 2 with a message', () => {
  const cases: Array<[string[], RegExp]> = [
    [[], /--queries FILE is required/u],
    [['--queries', join(dir, 'absent.json')], /cannot read the query file .*ENOENT/u],
    [['--queries', queryFile('not json')], /not valid JSON/u],
    [['--queries', queryFile({ id: 'a', query: 'b' })], /JSON array/u],
    [['--queries', queryFile([{ id: 'a' }])], /entry 1: expected \{"id"/u],
    [['--queries', queryFile([{ id: 'a', query: 'x' }, { id: 'a', query: 'y' }])], /entry 2: query id "a" is used twice/u],
    [['--queries', queries, '--locale', 'de'], /--locale must be fr or en/u],
    [['--nope'], /Unknown option/u],
  ];
  for (const [args, message] of cases) {
    const r = relais('', args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, /\n\s+at /u, 'no stack trace');
  }
});

test('relais match: bad lines are reported with their number, the others still written in order, exit 1', () => {
  const r = relais('{"id":1,"text":"barbier"}\nnot json\n{"id":2}\n[1]\n{"text":"x"}\n{"id":3,"text":"x","lang":5}\n\n{"id":4,"text":"barbier"}\n', [
    '--queries',
    queries,
  ]);
  assert.equal(r.status, 1);
  assert.deepEqual(outputOf(r.stdout), [{ id: 1, matches: ['barbier'] }, { id: 4, matches: ['barbier'] }]);
  assert.match(r.stderr, /line 2: not valid JSON/u);
  assert.match(r.stderr, /line 3: missing "text"/u);
  assert.match(r.stderr, /line 4: expected a JSON object/u);
  assert.match(r.stderr, /line 5: missing "id"/u);
  assert.match(r.stderr, /line 6: "lang", when given, must be a string/u);
  assert.doesNotMatch(r.stderr, /\n\s+at /u, 'no stack trace');
});

test('relais match: a large input streams through in order (stdin and stdout as pipes)', async () => {
  const n = 30_000;
  const child = spawn(process.execPath, ['bin/relais.js', 'match', '--queries', queries], { cwd: root });
  const writing = (async () => {
    for (let i = 0; i < n; i++) {
      const line = `${JSON.stringify({ id: i, text: i % 3 === 0 ? 'un barbier à #Lyon' : 'rien à voir', lang: 'fr' })}\n`;
      if (!child.stdin.write(line)) await new Promise((r) => child.stdin.once('drain', r));
    }
    child.stdin.end();
  })();
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d: string) => (out += d));
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const status = await new Promise<number | null>((r) => child.on('close', r));
  await writing;
  assert.equal(status, 0, err);
  const lines = out.trimEnd().split('\n');
  assert.equal(lines.length, n);
  lines.forEach((l, i) => {
    const rec = JSON.parse(l) as { id: number; matches: string[] };
    assert.equal(rec.id, i);
    assert.deepEqual(rec.matches, i % 3 === 0 ? ['barbier', 'lyon'] : []);
  });
});
