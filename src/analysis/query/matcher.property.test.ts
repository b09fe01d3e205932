/**
 * The compiled matcher agrees with the plain reference evaluator on random
 * queries, random posts and random add/remove sequences. Both draw from one
 * small vocabulary so that matches, phrases, prefixes and negations really occur.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createMatcher } from './matcher.ts';
import { parseQuery, parseQuerySyntax } from './parse.ts';
import type { MatchablePost, QueryNode } from './ast.ts';
import { matchReference } from './testing/reference-evaluator.ts';

const words = ['lea', 'Léa', 'barbier', 'barbe', 'BARBE', 'abc', 'abcd', 'café', 'cafe', 'lyon', 'x1', 'and', 'ab', '𠜎𠜱', '𠜎𠜱𠝹'];
const servers = ['piaille.fr', 'mastodon.social'];
const hosts = ['ex.fr', 'www.ex.fr', 'shop.ex.fr', 'ex.org', 'notex.fr'];
const prefixes = ['abc', 'bar', 'barb', 'caf', 'café', 'lyo', 'lea', '𠜎𠜱𠝹'];

const word = fc.constantFrom(...words);

const postPiece = fc.oneof(
  { weight: 6, arbitrary: word },
  { weight: 2, arbitrary: word.map((w) => `#${w}`) },
  { weight: 1, arbitrary: word.map((w) => `@${w}`) },
  { weight: 1, arbitrary: fc.tuple(word, fc.constantFrom(...servers)).map(([w, s]) => `@${w}@${s}`) },
  { weight: 1, arbitrary: fc.constantFrom(...hosts).map((h) => `https://${h}/lea`) },
);
const separator = fc.constantFrom(' ', ' ', ' ', "'", '’', '-', ', ', '!', '🙂', '_', '\n', '');

const post: fc.Arbitrary<MatchablePost> = fc.record(
  {
    text: fc.array(fc.tuple(postPiece, separator), { minLength: 1, maxLength: 14 }).map((ps) => ps.map(([p, s]) => p + s).join('')),
    lang: fc.constantFrom('fr', 'en', 'fr-CA', 'FR'),
    source: fc.constantFrom('rss', 'mastodon', 'reddit'),
    author: fc.constantFrom('@lea', 'lea@piaille.fr', '@abc@mastodon.social', 'Barbe', 'did:plc:abc'),
    // A firehose author: the DID, and the handle it was verified to (ADR 0240).
    authorAliases: fc.constantFrom([], ['lea.bsky.social'], ['barbe'], ['Lea.Bsky.Social', '@abc@mastodon.social']),
    url: fc.constantFrom(...hosts.map((h) => `https://${h}/p`)),
  },
  { requiredKeys: ['text'] },
);

const atom = fc.oneof(
  { weight: 6, arbitrary: word },
  { weight: 2, arbitrary: fc.tuple(word, word).map(([a, b]) => `"${a} ${b}"`) },
  { weight: 1, arbitrary: fc.tuple(word, word).map(([a, b]) => `${a}-${b}`) },
  { weight: 2, arbitrary: fc.constantFrom(...prefixes).map((p) => `${p}*`) },
  { weight: 2, arbitrary: word.map((w) => `#${w}`) },
  { weight: 1, arbitrary: word.map((w) => `@${w}`) },
  { weight: 1, arbitrary: fc.tuple(word, fc.constantFrom(...servers)).map(([w, s]) => `@${w}@${s}`) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'lang:fr', 'lang:en', 'source:rss', 'source:reddit', 'author:@lea', 'author:@lea@piaille.fr', 'author:@barbe', 'author:lea.bsky.social',
      'site:ex.fr', 'site:shop.ex.fr', 'site:ex.org',
    ),
  },
);

const { query } = fc.letrec<{ query: string; unit: string }>((tie) => ({
  unit: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: atom },
    { weight: 2, arbitrary: tie('unit').map((u) => `-${u}`) },
    { weight: 1, arbitrary: tie('unit').map((u) => `NOT ${u}`) },
    { weight: 2, arbitrary: tie('query').map((q) => `(${q})`) },
  ),
  query: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 3, arbitrary: tie('unit') },
    { weight: 2, arbitrary: fc.tuple(tie('unit'), tie('query')).map(([a, b]) => `${a} ${b}`) },
    { weight: 1, arbitrary: fc.tuple(tie('unit'), tie('query')).map(([a, b]) => `${a} AND ${b}`) },
    { weight: 2, arbitrary: fc.tuple(tie('query'), tie('query')).map(([a, b]) => `${a} OR ${b}`) },
  ),
}));

type Step = { op: 'add'; id: string; query: string } | { op: 'remove'; id: string } | { op: 'match'; post: MatchablePost };
const id = fc.constantFrom('q0', 'q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7');
const addStep = fc.record({ op: fc.constant('add' as const), id, query });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: addStep },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('remove' as const), id }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('match' as const), post }) },
);

test('compiled matcher = reference evaluator on random queries, posts and add/remove sequences', () => {
  let matched = 0;
  let checked = 0;
  let accepted = 0;
  let rejected = 0;
  fc.assert(
    fc.property(fc.array(addStep, { minLength: 3, maxLength: 8 }), fc.array(step, { minLength: 1, maxLength: 40 }), (first, rest) => {
      const steps: Step[] = [...first, ...rest];
      const matcher = createMatcher();
      const reference = new Map<string, QueryNode>();
      for (const s of steps) {
        if (s.op === 'add') {
          const r = parseQuery(s.query);
          if (!r.ok) {
            rejected++;
            continue;
          }
          accepted++;
          matcher.add(s.id, r.ast);
          reference.set(s.id, r.ast);
        } else if (s.op === 'remove') {
          assert.equal(matcher.remove(s.id), reference.delete(s.id));
        } else {
          const expected = matchReference(reference, s.post);
          assert.deepEqual(matcher.match(s.post), expected, JSON.stringify({ post: s.post, queries: [...reference.keys()] }));
          checked++;
          if (expected.length > 0) matched++;
        }
      }
    }),
    { numRuns: 400, seed: 20261122 },
  );
  // The property says something only if the vocabulary makes queries match often and be accepted often.
  assert.ok(matched > checked / 3, `only ${matched} of ${checked} posts matched a query`);
  assert.ok(accepted > rejected, `accepted ${accepted}, rejected ${rejected}`);
});

test('a query is accepted exactly when it is false on a blank post (checked by the reference)', () => {
  const blank: MatchablePost = { text: '' };
  let refused = 0;
  fc.assert(
    fc.property(query, (q) => {
      const syntax = parseQuerySyntax(q);
      if (!syntax.ok) return;
      const trueOnBlankPost = matchReference(new Map([['q', syntax.ast]]), blank).length > 0;
      const r = parseQuery(q);
      assert.equal(r.ok, !trueOnBlankPost, q);
      if (!r.ok) {
        assert.equal(r.error.code, 'no-positive-term');
        refused++;
      }
    }),
    { numRuns: 1000, seed: 7 },
  );
  assert.ok(refused > 20, `only ${refused} refusals exercised`);
});
