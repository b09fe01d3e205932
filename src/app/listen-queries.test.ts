import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateQueryText } from './listen-queries.ts';

const problem = (q: string, locale: 'fr' | 'en' = 'en') => {
  const r = validateQueryText(q, locale);
  assert.ok(!r.valid, `${q} should be invalid`);
  return r.error;
};

test('a valid query is just valid', () => {
  assert.deepEqual(validateQueryText('"savon à barbe" OR blaireau* lang:fr'), { valid: true });
});

test('the span covers the bracket, the word, or the unclosed phrase', () => {
  assert.deepEqual(
    { ...problem('savon )') },
    { code: 'unexpected-closing-parenthesis', message: problem('savon )').message, offset: 6, column: 7, length: 1 },
  );
  const field = problem('savon couleur:rouge');
  assert.equal(field.code, 'unknown-field');
  assert.equal(field.length, 'couleur:rouge'.length);
  const quote = problem('savon "à barbe');
  assert.equal(quote.code, 'unterminated-quote');
  assert.equal(quote.offset, 6);
  assert.equal(quote.length, '"à barbe'.length);
});

test('the span stays inside the text, and columns count characters, not UTF-16 units', () => {
  const end = problem('savon OR');
  assert.equal(end.code, 'dangling-operator');
  assert.equal(end.offset, 6);
  assert.ok(end.offset + (end.length ?? 0) <= 'savon OR'.length);
  const emoji = problem('rasoir🪒🪒 (savon');
  assert.equal(emoji.code, 'unclosed-parenthesis');
  assert.equal(emoji.offset, 11);
  assert.equal(emoji.column, 10);
});

test('messages follow the locale', () => {
  assert.match(problem('(savon', 'fr').message, /parenthèse ouvrante/);
  assert.match(problem('(savon', 'en').message, /opening parenthesis/);
});
