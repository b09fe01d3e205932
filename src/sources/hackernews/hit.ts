import { z } from 'zod';

/**
 * One hit of the Hacker News search API (Algolia, `/api/v1/search_by_date`), validated at the
 * edge. Only what relais reads is checked; Algolia's extra fields (`_highlightResult`, …) pass
 * through unread. Stories carry title/url/story_text; comments carry comment_text, story_id,
 * story_title, story_url and parent_id. Nullable fields are null on the wire, not absent.
 */
const optionalString = z.string().nullish();
const optionalCount = z.number().int().nonnegative().nullish();
const itemId = z.union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number)]).nullish();

export const hitSchema = z.object({
  objectID: z.string().regex(/^\d+$/, 'objectID is not an HN item id'),
  created_at: optionalString,
  created_at_i: z.number().int().positive(),
  author: z.string().min(1),
  title: optionalString,
  url: optionalString,
  points: optionalCount,
  num_comments: optionalCount,
  story_text: optionalString,
  comment_text: optionalString,
  story_id: itemId,
  story_title: optionalString,
  story_url: optionalString,
  parent_id: itemId,
  _tags: z.array(z.string()).default([]),
});

export type Hit = z.infer<typeof hitSchema>;

/** The response envelope; hits stay unknown until each is validated on its own. */
export const pageSchema = z.object({
  hits: z.array(z.unknown()),
  page: z.number().int().nonnegative(),
  nbPages: z.number().int().nonnegative(),
  hitsPerPage: z.number().int().nonnegative().optional(),
  nbHits: z.number().int().nonnegative().optional(),
});

export type Page = z.infer<typeof pageSchema>;
