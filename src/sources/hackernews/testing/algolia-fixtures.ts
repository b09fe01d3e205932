import type { IncomingMessage } from 'node:http';

/**
 * Hits in the shape hn.algolia.com's `/api/v1/search_by_date` returns (fields as documented and
 * as the live API sends them: nulls, `_tags`, `_highlightResult`), and a responder that behaves
 * like the endpoint: newest first, `numericFilters=created_at_i>N,created_at_i<=M`, `page`, `hitsPerPage`.
 * Test support only.
 */

export const storyWithUrl = {
  created_at: '2026-01-15T10:00:00Z',
  title: 'Coupe-Chou: a six-person shaving shop survives its bank closing the account',
  url: 'https://blog.coupe-chou.fr/2026/bank',
  author: 'nico_cc',
  points: 312,
  story_text: null,
  comment_text: null,
  num_comments: 141,
  story_id: null,
  story_title: null,
  story_url: null,
  parent_id: null,
  created_at_i: 1768471200,
  _tags: ['story', 'author_nico_cc', 'story_41000001'],
  objectID: '41000001',
  _highlightResult: { title: { value: 'Coupe-Chou', matchLevel: 'full', matchedWords: ['coupe'] } },
};

export const askHn = {
  created_at: '2026-01-15T09:30:00Z',
  title: 'Ask HN: Which banks onboard small e-commerce shops?',
  url: null,
  author: 'shopkeeper',
  points: 57,
  story_text:
    '<p>We run a small shop (Coupe-Chou) and our bank gave us 30 days&#x27; notice.<p>Has anyone &quot;been there&quot;? See <a href="https:&#x2F;&#x2F;example.org&#x2F;thread?a=1&amp;b=2" rel="nofollow">the old thread</a>.',
  comment_text: null,
  num_comments: 23,
  story_id: null,
  story_title: null,
  story_url: null,
  parent_id: null,
  created_at_i: 1768469400,
  _tags: ['story', 'author_shopkeeper', 'story_41000002', 'ask_hn'],
  objectID: '41000002',
};

export const commentWithLink = {
  created_at: '2026-01-15T10:05:00Z',
  title: null,
  url: null,
  author: 'hnDev',
  points: null,
  story_text: null,
  comment_text:
    'Open accounts at two banks &amp; keep payroll in the second. It&#x27;s what we did &gt; 3 years ago: <a href="https:&#x2F;&#x2F;news.ycombinator.com&#x2F;item?id=1234" rel="nofollow">https:&#x2F;&#x2F;news.ycombinator.com&#x2F;item?id=1234</a><p>Coupe-Chou will be fine.',
  num_comments: null,
  story_id: 41000001,
  story_title: 'Coupe-Chou: a six-person shaving shop survives its bank closing the account',
  story_url: 'https://blog.coupe-chou.fr/2026/bank',
  parent_id: 41000001,
  created_at_i: 1768471500,
  _tags: ['comment', 'author_hnDev', 'story_41000001'],
  objectID: '41000010',
};

export const nestedComment = {
  created_at: '2026-01-15T10:20:00Z',
  title: null,
  url: null,
  author: 'skeptic',
  points: null,
  story_text: null,
  comment_text: 'Ask for the reason <i>in writing</i>.',
  num_comments: null,
  story_id: 41000001,
  story_title: 'Coupe-Chou: a six-person shaving shop survives its bank closing the account',
  story_url: 'https://blog.coupe-chou.fr/2026/bank',
  parent_id: 41000010,
  created_at_i: 1768472400,
  _tags: ['comment', 'author_skeptic', 'story_41000001'],
  objectID: '41000011',
};

/** No author and a non-numeric id: refused at the edge. */
export const malformedHit = {
  created_at: '2026-01-15T10:10:00Z',
  title: 'Broken',
  author: null,
  created_at_i: 1768471800,
  _tags: ['story'],
  objectID: 'not-an-id',
};

export const allHits: readonly Record<string, unknown>[] = [storyWithUrl, askHn, commentWithLink, nestedComment, malformedHit];

/** The endpoint's answer to `req` over `hits`: filtered, newest first, paged. */
export const searchByDate = (req: IncomingMessage, hits: readonly Record<string, unknown>[] = allHits): string => {
  const u = new URL(req.url ?? '/', 'http://localhost');
  if (!u.pathname.endsWith('/search_by_date')) return JSON.stringify({ message: 'not found', status: 404 });
  const filters = u.searchParams.get('numericFilters') ?? '';
  const m = /created_at_i>(\d+)/.exec(filters);
  const after = m ? Number(m[1]) : -Infinity;
  const b = /created_at_i<=(\d+)/.exec(filters);
  const upTo = b ? Number(b[1]) : Infinity;
  const perPage = Number(u.searchParams.get('hitsPerPage') ?? 20);
  const page = Number(u.searchParams.get('page') ?? 0);
  const matching = hits.filter((h) => (h['created_at_i'] as number) > after && (h['created_at_i'] as number) <= upTo).sort((a, b) => (b['created_at_i'] as number) - (a['created_at_i'] as number));
  const nbPages = Math.ceil(matching.length / perPage);
  return JSON.stringify({
    hits: matching.slice(page * perPage, (page + 1) * perPage),
    nbHits: matching.length,
    page,
    nbPages,
    hitsPerPage: perPage,
    exhaustiveNbHits: true,
    query: u.searchParams.get('query') ?? '',
    processingTimeMS: 1,
  });
};
