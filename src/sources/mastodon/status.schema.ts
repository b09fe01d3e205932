import { z } from 'zod';

/**
 * The fields of a Mastodon Status (and its Account) that relais reads, validated at the edge.
 * Everything else the API sends is ignored; a payload missing a required field is skipped by
 * the normaliser with a counted error, never a crash.
 */

const account = z.object({
  id: z.string(),
  acct: z.string().min(1),
  username: z.string(),
  display_name: z.string().optional(),
  url: z.string().nullish(),
  avatar: z.string().nullish(),
});

const mention = z.object({ acct: z.string(), url: z.string().nullish() });
const tag = z.object({ name: z.string(), url: z.string().nullish() });

const statusFields = {
  id: z.string(),
  created_at: z.string(),
  uri: z.string().min(1),
  url: z.string().nullish(),
  content: z.string(),
  spoiler_text: z.string().nullish(),
  language: z.string().nullish(),
  in_reply_to_id: z.string().nullish(),
  replies_count: z.number().nullish(),
  reblogs_count: z.number().nullish(),
  favourites_count: z.number().nullish(),
  quotes_count: z.number().nullish(),
  account,
  mentions: z.array(mention).nullish(),
  tags: z.array(tag).nullish(),
};

/** A boosted status: the same shape, one level deep (a boost of a boost does not exist). */
export const boostedStatusSchema = z.object(statusFields);

export const statusSchema = z.object({ ...statusFields, reblog: boostedStatusSchema.nullish() });

export type MastodonStatus = z.infer<typeof statusSchema>;
export type MastodonBoostedStatus = z.infer<typeof boostedStatusSchema>;

/** Only the id, so the cursor can move past a status whose other fields are malformed. */
export const statusIdSchema = z.object({ id: z.string() });

export const accountLookupSchema = z.object({ id: z.string() });

/** GET /api/v2/search answers an object; relais reads its statuses only. */
export const searchResultSchema = z.object({ statuses: z.array(z.unknown()) });
