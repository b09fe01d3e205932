import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuery } from './parse.ts';
import type { QueryNode } from './ast.ts';
import type { QueryErrorCode } from './errors.ts';
import { formatQueryError, queryErrorMessage } from './messages.ts';

/** S-expression rendering of a tree, to keep the tables readable. */
const show = (n: QueryNode): string => {
  switch (n.type) {
    case 'word':
      return n.value;
    case 'phrase':
      return `"${n.words.join(' ')}"`;
    case 'prefix':
      return `${n.value}*`;
    case 'hashtag':
      return `#${n.value}`;
    case 'mention':
      return `@${n.handle}${n.server ? `@${n.server}` : ''}`;
    case 'lang':
    case 'source':
      return `${n.type}:${n.value}`;
    case 'author':
      return `author:@${n.handle}${n.server ? `@${n.server}` : ''}`;
    case 'site':
      return `site:${n.host}`;
    case 'not':
      return `(not ${show(n.child)})`;
    default:
      return `(${n.type} ${n.children.map(show).join(' ')})`;
  }
};

const parsed = (q: string): string => {
  const r = parseQuery(q);
  if (!r.ok) throw new Error(`${q}: ${formatQueryError(r.error, 'en')}`);
  return show(r.ast);
};

const ok: Array<[string, string]> = [
  ['atelier', 'atelier'],
  ['Atelier', 'atelier'],
  ['École', 'ecole'],
  ["l'atelier", '"l atelier"'],
  ['e-réputation', '"e reputation"'],
  ['"slow fashion"', '"slow fashion"'],
  ['"Lyon"', 'lyon'],
  ['"a * b"', '"a b"'],
  ['moust*', 'moust*'],
  ['Éco*', 'eco*'],
  ['#SlowFashion', '#slowfashion'],
  ['#slow_fashion', '#slow_fashion'],
  ['@Lea', '@lea'],
  ['@lea@Mastodon.social', '@lea@mastodon.social'],
  ['@atelier.bsky.social', '@atelier.bsky.social'],
  ['lang:FR', 'lang:fr'],
  ['lang:pt-br', 'lang:pt-br'],
  ['source:mastodon', 'source:mastodon'],
  ['author:@lea@piaille.fr', 'author:@lea@piaille.fr'],
  ['author:lea', 'author:@lea'],
  ['site:Example.com', 'site:example.com'],
  ['site:https://www.example.com/page', 'site:www.example.com'],
  ['a b', '(and a b)'],
  ['a AND b', '(and a b)'],
  ['a OR b', '(or a b)'],
  ['a b OR c', '(or (and a b) c)'],
  ['a OR b c', '(or a (and b c))'],
  ['a (b OR c)', '(and a (or b c))'],
  ['NOT a b', '(and (not a) b)'],
  ['b -a', '(and b (not a))'],
  ['b NOT a', '(and b (not a))'],
  ['b -(a OR c)', '(and b (not (or a c)))'],
  ['b -"a c"', '(and b (not "a c"))'],
  ['b --a', '(and b (not (not a)))'],
  ['NOT NOT a', '(not (not a))'],
  ['a and b or not c', '(and a and b or not c)'],
  ['(a b) (c d)', '(and a b c d)'],
  ['((a))', 'a'],
  ['a AND (b OR c) AND NOT d', '(and a (or b c) (not d))'],
  ['barbier -emploi lang:fr', '(and barbier (not emploi) lang:fr)'],
  ['a-b', '"a b"'],
  ['a(b)', '(and a b)'],
  ['lang:fr', 'lang:fr'],
  ['author:@lea -source:rss', '(and author:@lea (not source:rss))'],
  ['a OR (b -c)', '(or a (and b (not c)))'],
  ['x 🙂y', '(and x y)'],
];

for (const [q, expected] of ok) {
  test(`parse ${JSON.stringify(q)}`, () => assert.equal(parsed(q), expected));
}

/** [query, code, offset, column] */
const bad: Array<[string, QueryErrorCode, number, number]> = [
  ['', 'empty-query', 0, 1],
  ['   ', 'empty-query', 0, 1],
  ['a'.repeat(2001), 'query-too-long', 2000, 2001],
  ['(a', 'unclosed-parenthesis', 0, 1],
  ['a (b (c)', 'unclosed-parenthesis', 2, 3],
  ['a)', 'unexpected-closing-parenthesis', 1, 2],
  ['(a) b)', 'unexpected-closing-parenthesis', 5, 6],
  [')', 'unexpected-closing-parenthesis', 0, 1],
  ['a ()', 'empty-group', 2, 3],
  ['"slow fashion', 'unterminated-quote', 0, 1],
  ['a "b" "c', 'unterminated-quote', 6, 7],
  ['a AND', 'dangling-operator', 2, 3],
  ['AND a', 'dangling-operator', 0, 1],
  ['OR a', 'dangling-operator', 0, 1],
  ['a OR', 'dangling-operator', 2, 3],
  ['a OR OR b', 'dangling-operator', 2, 3],
  ['a AND OR b', 'dangling-operator', 2, 3],
  ['a NOT', 'dangling-operator', 2, 3],
  ['a -', 'dangling-operator', 2, 3],
  ['a - b', 'dangling-operator', 2, 3],
  ['(a -)', 'dangling-operator', 3, 4],
  ['(a OR) b', 'dangling-operator', 3, 4],
  ['a NOT AND b', 'dangling-operator', 2, 3],
  ['foo:bar', 'unknown-field', 0, 1],
  ['a https://example.com', 'unknown-field', 2, 3],
  ['lang:', 'missing-field-value', 5, 6],
  ['a site:', 'missing-field-value', 7, 8],
  ['source:twitter', 'bad-field-value', 7, 8],
  ['lang:français', 'bad-field-value', 5, 6],
  ['author:@', 'bad-field-value', 7, 8],
  ['site:ex/ample', 'bad-field-value', 5, 6],
  ['mo*', 'prefix-too-short', 0, 1],
  ['a é*', 'prefix-too-short', 2, 3],
  ['*', 'prefix-too-short', 0, 1],
  ['ab*c', 'misplaced-wildcard', 2, 3],
  ["l'atel*", 'misplaced-wildcard', 6, 7],
  ['#lyon*', 'misplaced-wildcard', 5, 6],
  ['@lea*', 'misplaced-wildcard', 4, 5],
  ['#', 'bad-hashtag', 0, 1],
  ['#slow-fashion', 'bad-hashtag', 0, 1],
  ['@', 'bad-mention', 0, 1],
  ['@lea!', 'bad-mention', 0, 1],
  ['🙂', 'no-letters', 0, 1],
  ['a ""', 'no-letters', 2, 3],
  ['NOT x', 'no-positive-term', 0, 1],
  ['-x', 'no-positive-term', 0, 1],
  ['a OR -b', 'no-positive-term', 5, 6],
  ['-a OR b c', 'no-positive-term', 0, 1],
  ['(a OR -b) c OR -d', 'no-positive-term', 15, 16],
  ['-(a b)', 'no-positive-term', 0, 1],
  ['-(a -b)', 'no-positive-term', 0, 1],
  ['NOT NOT NOT x', 'no-positive-term', 8, 9],
  ['-lang:en', 'no-positive-term', 0, 1],
  ['a🙂b (c', 'unclosed-parenthesis', 5, 5],
];

for (const [q, code, offset, column] of bad) {
  test(`reject ${JSON.stringify(q.length > 40 ? `${q.slice(0, 20)}…` : q)} with ${code} at ${offset}`, () => {
    const r = parseQuery(q);
    assert.equal(r.ok, false, `expected ${code}`);
    if (r.ok) return;
    assert.deepEqual([r.error.code, r.error.offset, r.error.column], [code, offset, column]);
  });
}

test('limits: nesting depth and number of terms', () => {
  const deep = `${'('.repeat(33)}a${')'.repeat(33)}`;
  const r1 = parseQuery(deep);
  assert.equal(r1.ok ? 'ok' : r1.error.code, 'too-deep');
  assert.equal(parseQuery(`${'('.repeat(32)}a${')'.repeat(32)}`).ok, true);
  const many = Array.from({ length: 201 }, (_, i) => `w${i}`).join(' ');
  const r2 = parseQuery(many);
  assert.equal(r2.ok ? 'ok' : r2.error.code, 'too-many-terms');
  if (!r2.ok) assert.equal(r2.error.offset, many.lastIndexOf('w200'));
  assert.equal(parseQuery(many.slice(0, many.lastIndexOf(' w200'))).ok, true);
  const r3 = parseQuery(`x ${'-'.repeat(40)}a`);
  assert.equal(r3.ok ? 'ok' : r3.error.code, 'too-deep');
});

test('every error code has a French and an English message naming the problem', () => {
  const seen = new Set<string>();
  for (const [q] of bad) {
    const r = parseQuery(q);
    if (r.ok || seen.has(r.error.code)) continue;
    seen.add(r.error.code);
    const fr = queryErrorMessage(r.error, 'fr');
    const en = queryErrorMessage(r.error, 'en');
    assert.ok(fr.length > 20 && en.length > 20);
    assert.notEqual(fr, en);
    assert.doesNotMatch(fr + en, /undefined|\[object/);
  }
  assert.ok(seen.size >= 16, `codes covered: ${[...seen].join(', ')}`);
  const r = parseQuery('a OR -b');
  assert.ok(!r.ok);
  if (!r.ok) {
    assert.match(formatQueryError(r.error, 'fr'), /^colonne 6 \(position 5\) : /);
    assert.match(formatQueryError(r.error, 'en'), /^column 6 \(offset 5\): /);
  }
});

test('operators are upper-case only', () => {
  assert.equal(parsed('not a'), '(and not a)');
  assert.equal(parsed('a or b'), '(and a or b)');
  assert.equal(parsed('a Or b'), '(and a or b)');
});

test('spans point back into the query', () => {
  const r = parseQuery('atelier -"slow fashion"');
  assert.ok(r.ok);
  if (!r.ok || r.ast.type !== 'and') return;
  const [a, n] = r.ast.children;
  assert.deepEqual(a?.span, { start: 0, end: 7 });
  assert.deepEqual(n?.span, { start: 8, end: 23 });
});
