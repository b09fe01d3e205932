import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertValidDraft } from '../testing/contract.ts';
import { postToDraft, webUrlOfPostUri } from './normalise.ts';
import { postRecordSchema } from './record.schema.ts';
import { blueskyDataDir } from './testing/fixtures.ts';
import { ALICE, BOB, BRAND, badRecords, externalPost, quotePost, quoteWithMediaPost, replyPost, richPost } from './testing/records.ts';

const draftOf = (input: Parameters<typeof postToDraft>[0]) => {
  const r = postToDraft(input);
  if (!r.ok) assert.fail(r.reason);
  assertValidDraft(r.draft, 'bluesky');
  return r;
};

test('a post with mention, tag and link facets, languages and extra tags', () => {
  const { draft } = draftOf({ did: BOB, rkey: '3lbrich22222a', record: richPost });
  assert.equal(draft.externalId, `at://${BOB}/app.bsky.feed.post/3lbrich22222a`);
  assert.equal(draft.url, `https://bsky.app/profile/${BOB}/post/3lbrich22222a`);
  assert.deepEqual(draft.author, { handle: BOB, url: `https://bsky.app/profile/${BOB}` });
  assert.equal(draft.text, richPost.text);
  // The mention's handle is the text its byte range covers, after an emoji (4 bytes in UTF-8).
  assert.deepEqual(draft.mentions, ['coupechou.fr']);
  assert.deepEqual(draft.hashtags, ['barbier', 'lyon', 'rasagetraditionnel']);
  assert.deepEqual(draft.links, ['https://coupe-chou.fr/rdv']);
  assert.equal(draft.declaredLang, 'fr');
  assert.equal(draft.publishedAt.toISOString(), '2026-11-30T09:15:00.000Z');
  assert.equal(draft.inReplyTo, undefined);
});

test('with a handle from a view, the author is still the DID, and the handle only a hint (ADR 0280)', () => {
  const { draft } = draftOf({ did: BOB, rkey: '3lbrich22222a', record: richPost, handle: 'Bob.Example.com', displayName: ' Bob ', avatar: 'https://cdn.example/a.jpg' });
  assert.equal(draft.url, `https://bsky.app/profile/${BOB}/post/3lbrich22222a`);
  assert.deepEqual(draft.author, { handle: BOB, handleHint: 'bob.example.com', name: 'Bob', url: `https://bsky.app/profile/${BOB}`, avatarUrl: 'https://cdn.example/a.jpg' });
  // The AppView's name for a handle that failed its check, and a handle of bad syntax, are no hints.
  assert.deepEqual(draftOf({ did: BOB, rkey: '3lbrich22222a', record: richPost, handle: 'handle.invalid' }).draft.author, { handle: BOB, url: `https://bsky.app/profile/${BOB}` });
  assert.deepEqual(draftOf({ did: BOB, rkey: '3lbrich22222a', record: richPost, handle: 'not a handle' }).draft.author, { handle: BOB, url: `https://bsky.app/profile/${BOB}` });
});

test('a reply keeps its parent and root; a mention facet over a non-handle falls back to the DID', () => {
  const { draft } = draftOf({ did: BRAND, rkey: '3lbreply2222a', record: replyPost });
  assert.equal(draft.inReplyTo, `at://${ALICE}/app.bsky.feed.post/3lbparent222a`);
  assert.equal(draft.threadRoot, `at://${ALICE}/app.bsky.feed.post/3lbroot2222a2`);
  assert.deepEqual(draft.mentions, ['alice.example.com']);
  const shifted = { ...replyPost, facets: [{ index: { byteStart: 0, byteEnd: 5 }, features: [{ $type: 'app.bsky.richtext.facet#mention', did: ALICE }] }] };
  assert.deepEqual(draftOf({ did: BRAND, rkey: '3lbreply2222a', record: shifted }).draft.mentions, [ALICE]);
  const outOfRange = { ...replyPost, facets: [{ index: { byteStart: 10, byteEnd: 9999 }, features: [{ $type: 'app.bsky.richtext.facet#mention', did: ALICE }] }] };
  assert.deepEqual(draftOf({ did: BRAND, rkey: '3lbreply2222a', record: outOfRange }).draft.mentions, [ALICE]);
});

test('quotes: embed record and record-with-media become a link to the quoted post', () => {
  const q = draftOf({ did: ALICE, rkey: '3lbquote2222a', record: quotePost });
  assert.equal(q.quotes, `at://${BRAND}/app.bsky.feed.post/3lbquoted22aa`);
  assert.deepEqual(q.draft.links, [`https://bsky.app/profile/${BRAND}/post/3lbquoted22aa`]);
  const m = draftOf({ did: ALICE, rkey: '3lbquote2222b', record: quoteWithMediaPost });
  assert.equal(m.quotes, `at://${BRAND}/app.bsky.feed.post/3lbmedia222aa`);
  assert.deepEqual(m.draft.links, [`https://bsky.app/profile/${BRAND}/post/3lbmedia222aa`]);
  assert.equal(m.draft.declaredLang, undefined);
});

test('an external embed is a link; unknown fields are allowed', () => {
  const { draft, quotes } = draftOf({ did: ALICE, rkey: '3lbext22222aa', record: externalPost });
  assert.deepEqual(draft.links, ['https://example.org/article']);
  assert.equal(quotes, undefined);
});

test('unsafe or relative link facets are dropped', () => {
  const record = {
    ...richPost,
    facets: [
      { index: { byteStart: 0, byteEnd: 3 }, features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'javascript:alert(1)' }] },
      { index: { byteStart: 0, byteEnd: 3 }, features: [{ $type: 'app.bsky.richtext.facet#link', uri: '/relative' }] },
      { index: { byteStart: 0, byteEnd: 3 }, features: [{ $type: 'app.bsky.richtext.facet#unknownFeature', x: 1 }] },
    ],
  };
  assert.deepEqual(draftOf({ did: ALICE, rkey: '3lbsafe22222a', record }).draft.links, []);
});

describe('bad records are reasons, never throws', () => {
  for (const [why, record] of badRecords) {
    test(why, () => {
      const r = postToDraft({ did: ALICE, rkey: '3lbbad222222a', record });
      assert.equal(r.ok, false);
      if (!r.ok) assert.ok(r.reason.length > 0);
    });
  }
  test('a bad DID or record key', () => {
    assert.equal(postToDraft({ did: 'did:METHOD:x', rkey: '3lbbad222222a', record: richPost }).ok, false);
    assert.equal(postToDraft({ did: ALICE, rkey: '..', record: richPost }).ok, false);
  });
});

test('webUrlOfPostUri only for post URIs', () => {
  assert.equal(webUrlOfPostUri(`at://${ALICE}/app.bsky.feed.post/3lb`), `https://bsky.app/profile/${ALICE}/post/3lb`);
  assert.equal(webUrlOfPostUri(`at://${ALICE}/app.bsky.feed.like/3lb`), undefined);
});

const lexiconFile = join(blueskyDataDir, 'app.bsky.feed.post.lexicon.json');
describe('against the app.bsky.feed.post lexicon', { skip: existsSync(lexiconFile) ? false : `lexicon not found at ${lexiconFile} (../shared/data is not mounted)` }, () => {
  test('the schema requires what the lexicon requires and keeps its limits', () => {
    const lexicon = JSON.parse(readFileSync(lexiconFile, 'utf8')) as {
      defs: { main: { record: { required: string[]; properties: Record<string, { maxLength?: number }> } } };
    };
    const rec = lexicon.defs.main.record;
    for (const field of rec.required) {
      const partial: Record<string, unknown> = { text: 'x', createdAt: '2026-01-01T00:00:00Z' };
      delete partial[field];
      assert.equal(postRecordSchema.safeParse(partial).success, false, `${field} is required`);
    }
    const limits: Array<[string, number | undefined, (n: number) => unknown]> = [
      ['text', rec.properties['text']?.maxLength, (n) => 'a'.repeat(n)],
      ['langs', rec.properties['langs']?.maxLength, (n) => Array.from({ length: n }, () => 'fr')],
      ['tags', rec.properties['tags']?.maxLength, (n) => Array.from({ length: n }, (_, i) => `t${i}`)],
    ];
    for (const [field, max, make] of limits) {
      assert.ok(max !== undefined, field);
      const base = { text: 'x', createdAt: '2026-01-01T00:00:00Z' };
      assert.equal(postRecordSchema.safeParse({ ...base, [field]: make(max) }).success, true, `${field} at its limit`);
      assert.equal(postRecordSchema.safeParse({ ...base, [field]: make(max + 1) }).success, false, `${field} over its limit`);
    }
  });

  test('the Jetstream documentation example is a like: not a post', () => {
    const event = JSON.parse(readFileSync(join(blueskyDataDir, 'jetstream-docs-example-1.json'), 'utf8')) as { did: string; commit: { rkey: string; record: unknown } };
    const r = postToDraft({ did: event.did, rkey: event.commit.rkey, record: event.commit.record });
    assert.equal(r.ok, false);
  });
});
