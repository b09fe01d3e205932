import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertValidDraft } from '../testing/contract.ts';
import { hitSchema } from './hit.ts';
import { hitToDraft, hitsToDrafts } from './normalise.ts';
import { askHn, commentWithLink, malformedHit, nestedComment, storyWithUrl } from './testing/algolia-fixtures.ts';

const draftOf = (raw: unknown) => {
  const out = hitToDraft(hitSchema.parse(raw));
  assert.ok(out.ok, out.ok ? '' : out.reason);
  assertValidDraft(out.draft, 'hackernews');
  return out.draft;
};

describe('hitToDraft', () => {
  const cases: Array<{ name: string; hit: unknown; expect: Record<string, unknown> }> = [
    {
      name: 'story with a URL',
      hit: storyWithUrl,
      expect: {
        externalId: 'hn:41000001',
        url: 'https://news.ycombinator.com/item?id=41000001',
        title: 'Coupe-Chou: a six-person shaving shop survives its bank closing the account',
        text: 'Coupe-Chou: a six-person shaving shop survives its bank closing the account',
        links: ['https://blog.coupe-chou.fr/2026/bank'],
        metrics: { score: 312, replies: 141 },
        publishedAt: new Date('2026-01-15T10:00:00Z'),
        inReplyTo: undefined,
        threadRoot: undefined,
        html: undefined,
      },
    },
    {
      name: 'Ask HN with story_text HTML',
      hit: askHn,
      expect: {
        externalId: 'hn:41000002',
        title: 'Ask HN: Which banks onboard small e-commerce shops?',
        text: 'Ask HN: Which banks onboard small e-commerce shops?\n\nWe run a small shop (Coupe-Chou) and our bank gave us 30 days\' notice. Has anyone "been there"? See the old thread.',
        links: ['https://example.org/thread?a=1&b=2'],
        metrics: { score: 57, replies: 23 },
      },
    },
    {
      name: 'comment with entities and a link',
      hit: commentWithLink,
      expect: {
        externalId: 'hn:41000010',
        url: 'https://news.ycombinator.com/item?id=41000010',
        title: 'Coupe-Chou: a six-person shaving shop survives its bank closing the account',
        text: "Open accounts at two banks & keep payroll in the second. It's what we did > 3 years ago: https://news.ycombinator.com/item?id=1234 Coupe-Chou will be fine.",
        links: ['https://news.ycombinator.com/item?id=1234'],
        inReplyTo: 'hn:41000001',
        threadRoot: 'hn:41000001',
        metrics: undefined,
        publishedAt: new Date('2026-01-15T10:05:00Z'),
      },
    },
    {
      name: 'reply to a comment',
      hit: nestedComment,
      expect: { text: 'Ask for the reason in writing.', inReplyTo: 'hn:41000010', threadRoot: 'hn:41000001', links: [] },
    },
    {
      name: 'created_at missing: created_at_i gives the date',
      hit: { ...nestedComment, created_at: null },
      expect: { publishedAt: new Date(1768472400 * 1000) },
    },
    {
      name: 'a javascript: link in a comment is not a link',
      hit: { ...nestedComment, comment_text: 'see <a href="javascript:alert(1)">this</a>' },
      expect: { text: 'see this', links: [] },
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const d = draftOf(c.hit);
      assert.equal(d.network, 'hackernews');
      for (const [k, v] of Object.entries(c.expect)) assert.deepEqual((d as unknown as Record<string, unknown>)[k], v, k);
    });
  }

  test('the author handle and profile URL', () => {
    const d = draftOf(commentWithLink);
    assert.deepEqual(d.author, { handle: 'hnDev', url: 'https://news.ycombinator.com/user?id=hnDev' });
  });

  test('comment display HTML is sanitised and keeps the link', () => {
    const d = draftOf({ ...commentWithLink, comment_text: commentWithLink.comment_text + '<script>alert(1)</script><img src=x onerror=alert(1)>' });
    assert.ok(d.html);
    assert.ok(!/<script|onerror/i.test(d.html), d.html);
    assert.match(d.html, /<a [^>]*href="https:\/\/news\.ycombinator\.com\/item\?id=1234"/);
  });

  test('a deleted comment (no text) is refused with a reason', () => {
    const out = hitToDraft(hitSchema.parse({ ...commentWithLink, comment_text: '' }));
    assert.equal(out.ok, false);
    assert.match(out.ok ? '' : out.reason, /41000010 has no text/);
  });
});

describe('hitsToDrafts', () => {
  test('a malformed hit is skipped and counted, the others kept', () => {
    const out = hitsToDrafts([storyWithUrl, malformedHit, 'not an object', null, commentWithLink]);
    assert.deepEqual(out.drafts.map((d) => d.externalId), ['hn:41000001', 'hn:41000010']);
    assert.equal(out.skipped, 3);
    assert.equal(out.problems.length, 3);
    assert.match(out.problems[0] ?? '', /^hit 1: /);
    assert.equal(out.newest, commentWithLink.created_at_i, 'a malformed hit never moves the cursor');
  });

  test('string item ids are accepted, like the API sometimes sends', () => {
    const out = hitsToDrafts([{ ...commentWithLink, parent_id: '41000001', story_id: '41000001' }]);
    assert.equal(out.drafts[0]?.inReplyTo, 'hn:41000001');
  });

  test('a negative points value is malformed', () => {
    assert.equal(hitsToDrafts([{ ...storyWithUrl, points: -3 }]).skipped, 1);
  });
});
