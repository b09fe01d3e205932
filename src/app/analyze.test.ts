import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeLine, analyzeLines } from './analyze.ts';

test('a good line gives id, language and sentiment', () => {
  const out = analyzeLine(JSON.stringify({ id: 'a1', text: "Merci pour l'accueil, c'était parfait !" }), 1);
  assert.ok(out?.ok);
  assert.equal(out.record.id, 'a1');
  assert.equal(out.record.lang, 'fr');
  assert.equal(out.record.sentiment.label, 'positive');
  assert.ok(out.record.sentiment.score > 0 && out.record.sentiment.score <= 1);
});

test('numeric ids are kept as numbers; a declared language is a hint', () => {
  const out = analyzeLine(JSON.stringify({ id: 7, text: 'top', lang: 'fr' }), 1);
  assert.ok(out?.ok);
  assert.equal(out.record.id, 7);
  assert.equal(out.record.lang, 'fr');
});

test('bad lines name their problem and line number', () => {
  const cases: [string, RegExp][] = [
    ['not json', /not valid JSON/u],
    ['[1, 2]', /JSON object/u],
    ['{"text": "hello"}', /missing "id"/u],
    ['{"id": null, "text": "hello"}', /missing "id"/u],
    ['{"id": 1}', /missing "text"/u],
    ['{"id": 1, "text": 42}', /missing "text"/u],
    ['{"id": 1, "text": "x", "lang": 3}', /"lang"/u],
  ];
  for (const [line, message] of cases) {
    const out = analyzeLine(line, 12);
    assert.ok(out && !out.ok, line);
    assert.equal(out.line, 12);
    assert.match(out.message, message);
  }
});

test('blank lines are skipped but still counted', async () => {
  async function* input(): AsyncGenerator<string> {
    yield '{"id": 1, "text": "bien"}';
    yield '';
    yield 'oops';
    yield '{"id": 2, "text": "nul"}';
  }
  const outcomes = [];
  for await (const o of analyzeLines(input())) outcomes.push(o);
  assert.deepEqual(outcomes.map((o) => [o.ok, o.line]), [
    [true, 1],
    [false, 3],
    [true, 4],
  ]);
});
