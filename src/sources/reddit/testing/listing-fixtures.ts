import type { IncomingMessage } from 'node:http';

/**
 * Reddit listing payloads in the documented shape (reddit.com/dev/api: Listing, t3 Link, t1
 * Comment), written by hand for r/wicked_edge — there are no recorded Reddit payloads in
 * ../shared/data. Field names, types and nullability follow what `/r/NAME/new.json?raw_json=1`
 * returns, including many fields relais does not read. Times are 2026-01-14/15 (UTC).
 */

type Thing = { readonly kind: 't1' | 't3' | 'more'; readonly data: Record<string, unknown> };

const BASE_TIME = 1_768_478_400; // 2026-01-15T12:00:00Z

const post = (id: string, minutesAgo: number, fields: Record<string, unknown>): Thing => ({
  kind: 't3',
  data: {
    approved_at_utc: null,
    subreddit: 'wicked_edge',
    subreddit_name_prefixed: 'r/wicked_edge',
    subreddit_id: 't5_2rk7v',
    subreddit_type: 'public',
    author_fullname: 't2_8x1k2',
    selftext: '',
    selftext_html: null,
    saved: false,
    gilded: 0,
    clicked: false,
    hidden: false,
    pwls: 6,
    link_flair_text: null,
    downs: 0,
    upvote_ratio: 0.97,
    ups: 12,
    score: 12,
    num_comments: 3,
    thumbnail: 'self',
    edited: false,
    is_self: true,
    created: BASE_TIME - minutesAgo * 60,
    created_utc: BASE_TIME - minutesAgo * 60,
    domain: 'self.wicked_edge',
    over_18: false,
    spoiler: false,
    locked: false,
    stickied: false,
    removed_by_category: null,
    id,
    name: `t3_${id}`,
    permalink: `/r/wicked_edge/comments/${id}/`,
    url: `https://www.reddit.com/r/wicked_edge/comments/${id}/`,
    author: 'lather_lord',
    ...fields,
  },
});

const comment = (id: string, minutesAgo: number, fields: Record<string, unknown>): Thing => ({
  kind: 't1',
  data: {
    subreddit_id: 't5_2rk7v',
    approved_at_utc: null,
    author_is_blocked: false,
    link_title: 'Coupe-Chou vetiver: great lather, scent fades fast',
    link_id: 't3_1i0aaa1',
    link_author: 'lather_lord',
    link_permalink: 'https://www.reddit.com/r/wicked_edge/comments/1i0aaa1/',
    replies: '',
    saved: false,
    id,
    name: `t1_${id}`,
    gilded: 0,
    archived: false,
    author: 'straight_razor_sam',
    author_fullname: 't2_3ab9',
    score: 4,
    ups: 4,
    over_18: false,
    body: '',
    body_html: '',
    edited: false,
    parent_id: 't3_1i0aaa1',
    subreddit: 'wicked_edge',
    subreddit_name_prefixed: 'r/wicked_edge',
    permalink: `/r/wicked_edge/comments/1i0aaa1/coupechou_vetiver/${id}/`,
    created: BASE_TIME - minutesAgo * 60,
    created_utc: BASE_TIME - minutesAgo * 60,
    removed_by_category: null,
    ...fields,
  },
});

/** r/wicked_edge/new: newest first, with a link post, an NSFW one, a removed and a deleted one. */
export const newPosts: readonly Thing[] = [
  post('1i0aaa5', 5, {
    title: 'Update: Coupe-Chou unscented is now my daily driver',
    selftext: 'Got the unscented tub I ordered. Same great **lather**. Thanks u/straight_razor_sam for the tip!',
    selftext_html: '<!-- SC_OFF --><div class="md"><p>Got the unscented tub I ordered. Same great <strong>lather</strong>. Thanks <a href="/u/straight_razor_sam">u/straight_razor_sam</a> for the tip!</p>\n</div><!-- SC_ON -->',
    score: 96,
    ups: 96,
    num_comments: 14,
  }),
  post('1i0aaa4', 20, {
    title: 'How a shaving community saved a small French maker',
    is_self: false,
    domain: 'weekly.example',
    url: 'https://weekly.example/2026/01/coupe-chou',
    thumbnail: 'https://b.thumbs.redditmedia.com/x.jpg',
    author: 'weekly_reader',
    score: 41,
    num_comments: 7,
  }),
  post('1i0aaa3', 45, {
    title: 'Removed: buy cheap blades here',
    selftext: '[removed]',
    removed_by_category: 'moderator',
    author: 'spam_account_11',
  }),
  post('1i0aaa2', 90, {
    title: 'Before/after: first straight razor shave (NSFW, blood)',
    selftext: 'Nicked myself twice. Pictures in the comments.',
    selftext_html: '<!-- SC_OFF --><div class="md"><p>Nicked myself twice. Pictures in the comments.</p>\n</div><!-- SC_ON -->',
    over_18: true,
    spoiler: true,
    author: 'first_timer_fr',
    score: 3,
    num_comments: 9,
  }),
  post('1i0aab9', 100, { title: 'Which soap for sensitive skin?', selftext: '[deleted]', author: '[deleted]', score: 1, num_comments: 0 }),
  post('1i0aaa1', 180, {
    title: 'Coupe-Chou vetiver: great lather, scent fades fast',
    selftext: 'Used it for two weeks. Performance is top tier. But the scent is gone after a minute, which at this price is a bit disappointing. Anyone else? 5 < 6 & 7 > 2.',
    selftext_html: '<!-- SC_OFF --><div class="md"><p>Used it for two weeks. Performance is top tier. But the scent is gone after a minute, which at this price is a bit disappointing. Anyone else? 5 &lt; 6 &amp; 7 &gt; 2.</p>\n</div><!-- SC_ON -->',
    score: 48,
    num_comments: 19,
  }),
];

/** r/wicked_edge/comments: newest comments, one deleted and one removed. */
export const newComments: readonly Thing[] = [
  comment('kx0c3', 2, {
    body: 'Scent strength is a choice on their side, see [their page](https://coupe-chou.example/savons).',
    body_html: '<div class="md"><p>Scent strength is a choice on their side, see <a href="https://coupe-chou.example/savons">their page</a>.</p>\n</div>',
    parent_id: 't1_kx0c1',
    score: 22,
  }),
  comment('kx0c2', 8, { body: '[deleted]', body_html: '<div class="md"><p>[deleted]</p>\n</div>', author: '[deleted]' }),
  comment('kx0c4', 9, { body: '[removed]', body_html: '<div class="md"><p>[removed]</p>\n</div>', author: 'spam_account_11' }),
  comment('kx0c1', 30, {
    body: 'Same here, the lather is great but the vetiver is gone in a minute.',
    body_html: '<div class="md"><p>Same here, the lather is great but the vetiver is gone in a minute.</p>\n</div>',
    author: 'lather_lord',
    score: 7,
  }),
];

export const listing = (children: readonly Thing[], after: string | null, before: string | null = null): string =>
  JSON.stringify({ kind: 'Listing', data: { after, dist: children.length, modhash: '', geo_filter: '', children, before } });

/**
 * What a Reddit server answers for a listing URL: `new.json`, `comments.json` or `search.json`
 * (matching `q` against titles and texts), `pageSize` things per page from `after`.
 */
export const answer = (req: IncomingMessage, opts: { posts?: readonly Thing[]; comments?: readonly Thing[]; pageSize?: number } = {}): string => {
  const url = new URL(req.url ?? '/', 'http://reddit.test');
  const posts = opts.posts ?? newPosts;
  let things: readonly Thing[];
  if (url.pathname.endsWith('/comments.json')) things = opts.comments ?? newComments;
  else if (url.pathname.endsWith('/search.json')) {
    const q = (url.searchParams.get('q') ?? '').toLowerCase();
    things = posts.filter((t) => `${String(t.data['title'])} ${String(t.data['selftext'])}`.toLowerCase().includes(q));
  } else things = posts;
  const size = opts.pageSize ?? Number(url.searchParams.get('limit') ?? 25);
  const after = url.searchParams.get('after');
  const start = after ? things.findIndex((t) => t.data['name'] === after) + 1 : 0;
  if (after && start === 0) return listing([], null);
  const page = things.slice(start, start + size);
  const more = start + size < things.length;
  return listing(page, more ? String(page[page.length - 1]?.data['name']) : null, start > 0 ? String(page[0]?.data['name'] ?? '') || null : null);
};

/** A post made `minutesAgo` before BASE_TIME, for pagination and cursor tests. */
export const makePost = (id: string, minutesAgo: number, title: string): Thing => post(id, minutesAgo, { title, selftext: `${title}, body.` });
