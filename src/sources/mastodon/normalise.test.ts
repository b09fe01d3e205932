import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertValidDraft } from '../testing/contract.ts';
import { compareIds, fullHandle, newestId, statusesToDrafts } from './normalise.ts';
import { hasMastodonPayloads, MASTODON_PAYLOADS_MISSING, readObject, readPayload } from './testing/payloads.ts';

const skip = hasMastodonPayloads ? {} : { skip: MASTODON_PAYLOADS_MISSING };

describe('Mastodon Status → MentionDraft, on the API documentation examples', skip, () => {
  const one = (status: unknown, host = 'mastodon.social') => {
    const r = statusesToDrafts([status], host);
    assert.deepEqual(r.issues, []);
    const d = r.drafts[0];
    assert.ok(d);
    assertValidDraft(d, 'mastodon');
    return d;
  };

  test('the Status entity example: local account, entities, link, counts', () => {
    const d = one(readPayload('entities_Status__001.json'));
    assert.equal(d.externalId, 'https://mastodon.social/users/Gargron/statuses/103270115826048975');
    assert.equal(d.url, 'https://mastodon.social/@Gargron/103270115826048975');
    assert.deepEqual(d.author, {
      handle: '@Gargron@mastodon.social',
      name: 'Eugen',
      url: 'https://mastodon.social/@Gargron',
      avatarUrl: 'https://files.mastodon.social/accounts/avatars/000/000/001/original/d96d39a0abb45b92.jpg',
    });
    // &quot; decoded; the link's hidden spans give back the whole URL in the text.
    assert.equal(
      d.text,
      '"I lost my inheritance with one wrong digit on my sort code" https://www.theguardian.com/money/2019/dec/07/i-lost-my-193000-inheritance-with-one-wrong-digit-on-my-sort-code',
    );
    assert.deepEqual(d.links, ['https://www.theguardian.com/money/2019/dec/07/i-lost-my-193000-inheritance-with-one-wrong-digit-on-my-sort-code']);
    assert.equal(d.declaredLang, 'en');
    assert.equal(d.publishedAt.toISOString(), '2019-12-08T03:48:33.901Z');
    assert.deepEqual(d.metrics, { replies: 5, reposts: 6, likes: 11, quotes: 2 });
    assert.equal(d.title, undefined);
    assert.equal(d.inReplyTo, undefined);
    assert.ok(d.html?.startsWith('<p>'));
  });

  const cases: Array<{ name: string; build: () => unknown; expect: (d: ReturnType<typeof one>) => void }> = [
    {
      name: 'a remote account keeps its own server in the handle',
      build: () => ({ ...readObject('entities_Status__001.json'), account: readObject('entities_Notification__002.json')['account'] }),
      expect: (d) => assert.equal(d.author.handle, '@haskal@cybre.space'),
    },
    {
      name: 'a local account without a URL takes the fetched server',
      build: () => readPayload('methods_statuses__024.json'),
      expect: (d) => {
        assert.equal(d.author.handle, '@trwnh@mastodon.social');
        assert.equal(d.text, 'this is a status that has been edited multiple times to change the text, add a poll, and change poll options.');
      },
    },
    {
      name: 'a boost is the boosted status (booster dropped)',
      build: () => {
        const booster = readObject('methods_statuses__024.json');
        return { ...booster, id: '109000000000000001', uri: 'https://mastodon.social/users/trwnh/statuses/109000000000000001/activity', content: '', reblog: readPayload('entities_Status__001.json') };
      },
      expect: (d) => {
        assert.equal(d.externalId, 'https://mastodon.social/users/Gargron/statuses/103270115826048975');
        assert.equal(d.author.handle, '@Gargron@mastodon.social');
      },
    },
    {
      name: 'a null language declares nothing; a region subtag is dropped',
      build: () => ({ ...readObject('entities_Status__001.json'), language: null }),
      expect: (d) => assert.equal(d.declaredLang, undefined),
    },
    {
      name: 'pt-BR declares pt',
      build: () => ({ ...readObject('entities_Status__001.json'), language: 'pt-BR' }),
      expect: (d) => assert.equal(d.declaredLang, 'pt'),
    },
    {
      name: 'the content warning is the title and leads the text; a reply keeps its parent id',
      build: () => ({ ...readObject('methods_statuses__003.json'), spoiler_text: '  food &amp; drink ', in_reply_to_id: '103270115826048975' }),
      expect: (d) => {
        // spoiler_text is plain text (not HTML): kept literally, spaces collapsed.
        assert.equal(d.title, 'food &amp; drink');
        assert.equal(d.text, 'food &amp; drink Hello world');
        assert.equal(d.inReplyTo, '103270115826048975');
      },
    },
    {
      name: 'hashtags and mentions come from tags[] and mentions[]; content links exclude them',
      build: () => {
        const tagged = (readPayload('methods_timelines__002.json') as Array<Record<string, unknown>>)[1] ?? {};
        return {
          ...readObject('entities_Status__001.json'),
          content: `${String(tagged['content'])}<p>see <a href="https://example.com/shop?a=1&amp;b=2">shop</a></p>`,
          tags: tagged['tags'],
          mentions: [{ id: '2', username: 'kernpanik', acct: 'kernpanik@chaos.social', url: 'https://chaos.social/@kernpanik' }, { id: '1', username: 'Gargron', acct: 'Gargron', url: 'https://mastodon.social/@Gargron' }],
        };
      },
      expect: (d) => {
        assert.deepEqual(d.hashtags, ['qualitätskatzen', 'cats', 'mastocats', 'catsofmastodon', 'greece', 'agistri']);
        assert.deepEqual(d.mentions, ['@kernpanik@chaos.social', '@Gargron@mastodon.social']);
        assert.deepEqual(d.links, ['https://example.com/shop?a=1&b=2']);
        assert.match(d.text, /^Caught on the hop\. 😺 #Qualitätskatzen #cats .*\(photo: @kernpanik \| license: CC BY-NC-SA 4\.0\) see shop$/);
      },
    },
    {
      name: 'script in content is removed from the HTML and the text',
      build: () => ({ ...readObject('methods_statuses__003.json'), content: '<p>Hi<script>alert(1)</script> <a href="javascript:alert(1)" onclick="x()">there</a></p>' }),
      expect: (d) => {
        assert.equal(d.text, 'Hi there');
        assert.deepEqual(d.links, []);
      },
    },
  ];
  for (const c of cases) test(c.name, () => c.expect(one(c.build())));

  test('the elided examples (no account, no uri) are skipped and counted, their ids still seen', () => {
    const timeline = readPayload('methods_timelines__001.json') as unknown[];
    const r = statusesToDrafts([...timeline, readPayload('entities_Status__001.json'), 42, null], 'mastodon.social');
    assert.equal(r.drafts.length, 1);
    assert.equal(r.issues.length, timeline.length + 2);
    assert.match(r.issues[0]?.reason ?? '', /uri|account/);
    assert.equal(r.issues[0]?.id, '103206804533200177');
    assert.equal(newestId(r.ids), '103270115826048975');
  });

  test('a status and a boost of it give one draft', () => {
    const s = readPayload('entities_Status__001.json');
    const boost = { ...readObject('methods_statuses__024.json'), id: '109000000000000001', uri: 'https://mastodon.social/x/activity', reblog: s };
    assert.equal(statusesToDrafts([s, boost], 'mastodon.social').drafts.length, 1);
  });

  test('a bad date is a counted issue', () => {
    const r = statusesToDrafts([{ ...readObject('entities_Status__001.json'), created_at: 'yesterday' }], 'mastodon.social');
    assert.equal(r.drafts.length, 0);
    assert.match(r.issues[0]?.reason ?? '', /created_at/);
  });
});

test('handles and snowflake ids', () => {
  assert.equal(fullHandle('alice', 'https://social.example/@alice', 'other.example'), '@alice@social.example');
  assert.equal(fullHandle('alice@far.example', null, 'other.example'), '@alice@far.example');
  assert.equal(fullHandle('@bob', undefined, 'other.example'), '@bob@other.example');
  assert.ok(compareIds('99', '100') < 0);
  assert.ok(compareIds('109', '108') > 0);
  assert.equal(compareIds('5', '5'), 0);
  assert.equal(newestId(['7', '12', '9'], '10'), '12');
  assert.equal(newestId([], '10'), '10');
  assert.equal(newestId([]), undefined);
});
