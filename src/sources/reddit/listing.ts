import { z } from 'zod';

/**
 * Reddit's listing JSON (`/r/NAME/new.json`, `/r/NAME/comments.json`, `/search.json`), validated
 * at the edge. A listing is `{kind: "Listing", data: {after, before, children: [{kind, data}]}}`;
 * each child is a "thing" whose kind says what it is: `t3` a post (link or self post), `t1` a
 * comment. Only the fields relais reads are checked; the many others pass through unread. The
 * connector asks for `raw_json=1`, so strings are not HTML-escaped a second time
 * (`selftext_html` is HTML, `title` and `body` are plain/markdown).
 */

const text = z.string().nullish();
const count = z.number().int().nullish();

const common = {
  id: z.string().regex(/^[a-z0-9]+$/i, 'id is not a Reddit base-36 id'),
  name: z.string().regex(/^t[13]_[a-z0-9]+$/i, 'name is not a Reddit fullname'),
  author: z.string().min(1),
  subreddit: z.string().min(1),
  permalink: z.string().startsWith('/'),
  created_utc: z.number().positive(),
  score: count,
  over_18: z.boolean().nullish(),
  removed_by_category: z.string().nullish(),
};

export const postSchema = z.object({
  ...common,
  title: z.string(),
  selftext: text,
  selftext_html: text,
  url: text,
  is_self: z.boolean().nullish(),
  num_comments: count,
  spoiler: z.boolean().nullish(),
});
export type RedditPost = z.infer<typeof postSchema>;

export const commentSchema = z.object({
  ...common,
  // Subreddit comment listings carry the post's fullname and title.
  body: z.string(),
  body_html: text,
  parent_id: z.string().regex(/^t[13]_[a-z0-9]+$/i).nullish(),
  link_id: z.string().regex(/^t3_[a-z0-9]+$/i).nullish(),
  link_title: text,
});
export type RedditComment = z.infer<typeof commentSchema>;

/** The envelope; children stay unknown until each is validated on its own. */
export const listingSchema = z.object({
  kind: z.literal('Listing'),
  data: z.object({
    after: z.string().nullish(),
    before: z.string().nullish(),
    children: z.array(z.object({ kind: z.string(), data: z.unknown() })),
  }),
});
export type Listing = z.infer<typeof listingSchema>;
