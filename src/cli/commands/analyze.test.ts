import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

const relais = (input: string, ...args: string[]) =>
  spawnSync(process.execPath, ['bin/relais.js', 'analyze', ...args], { cwd: root, input, encoding: 'utf8' });

test('relais analyze: one JSON line per input, in order (DESIGN §6)', () => {
  const input = [
    { id: 'p1', text: 'Super boulot, merci ! 😍' },
    { id: 'p2', text: 'Worst customer service ever, total scam.' },
    { id: 3, text: '😶' },
    { id: 'p4', text: 'Le colis est arrivé ce matin.' },
  ]
    .map((x) => JSON.stringify(x))
    .join('\n');
  const r = relais(`${input}\n`);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(lines.map((l) => l.id), ['p1', 'p2', 3, 'p4']);
  assert.deepEqual(lines.map((l) => l.lang), ['fr', 'en', 'und', 'fr']);
  const sentiments = lines.map((l) => l.sentiment as { label: string; score: number });
  assert.deepEqual(sentiments.map((s) => s.label).slice(0, 2), ['positive', 'negative']);
  for (const s of sentiments) {
    assert.ok(s.score >= -1 && s.score <= 1);
    assert.deepEqual(Object.keys(s), ['label', 'score']);
  }
  assert.deepEqual(Object.keys(lines[0] ?? {}), ['id', 'lang', 'sentiment']);
});

test('relais analyze: bad lines are reported with their number, good ones still written, exit 1', () => {
  const r = relais('{"id":1,"text":"bien"}\nnot json\n{"id":2}\n{"text":"x"}\n{"id":3,"text":"nul"}\n');
  assert.equal(r.status, 1);
  assert.deepEqual(r.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as { id: number }).id), [1, 3]);
  assert.match(r.stderr, /line 2: not valid JSON/u);
  assert.match(r.stderr, /line 3: missing "text"/u);
  assert.match(r.stderr, /line 4: missing "id"/u);
  assert.doesNotMatch(r.stderr, /\n\s+at /u, 'no stack trace');
});

test('relais analyze: empty input gives empty output; --help and bad options', () => {
  const empty = relais('');
  assert.equal(empty.status, 0);
  assert.equal(empty.stdout, '');
  const help = relais('', '--help');
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Usage: relais analyze/u);
  const bad = relais('', '--nope');
  assert.notEqual(bad.status, 0);
  assert.doesNotMatch(bad.stderr, /\n\s+at /u);
});
