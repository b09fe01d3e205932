import { z } from 'zod';

/**
 * The `app.bsky.feed.post` record (lexicon in ../shared/data/social-api-payloads/bluesky), as
 * far as relais reads it. Unknown fields are allowed (the lexicon grows); facet features and
 * embeds are open unions, read by their `$type` in normalise.ts. Limits are the lexicon's
 * (300 graphemes / 3000 bytes of text, 3 languages, 8 tags), with the byte limit checked on
 * UTF-16 length, which is never more than the UTF-8 length.
 */

export const strongRefSchema = z.object({ uri: z.string(), cid: z.string() }).loose();

const typed = z.object({ $type: z.string() }).loose();

export const facetSchema = z
  .object({
    index: z.object({ byteStart: z.number().int().min(0), byteEnd: z.number().int().min(0) }).loose(),
    features: z.array(typed),
  })
  .loose();

export const postRecordSchema = z
  .object({
    $type: z.literal('app.bsky.feed.post').optional(),
    text: z.string().max(3000),
    createdAt: z.string(),
    facets: z.array(facetSchema).optional(),
    reply: z.object({ root: strongRefSchema, parent: strongRefSchema }).loose().optional(),
    embed: typed.optional(),
    langs: z.array(z.string()).max(3).optional(),
    tags: z.array(z.string().max(640)).max(8).optional(),
  })
  .loose();

export type PostRecord = z.infer<typeof postRecordSchema>;
export type Facet = z.infer<typeof facetSchema>;

export const linkFeature = z.object({ $type: z.literal('app.bsky.richtext.facet#link'), uri: z.string() });
export const mentionFeature = z.object({ $type: z.literal('app.bsky.richtext.facet#mention'), did: z.string() });
export const tagFeature = z.object({ $type: z.literal('app.bsky.richtext.facet#tag'), tag: z.string().min(1).max(640) });

export const embedRecordSchema = z.object({ $type: z.literal('app.bsky.embed.record'), record: strongRefSchema });
export const embedRecordWithMediaSchema = z.object({
  $type: z.literal('app.bsky.embed.recordWithMedia'),
  record: z.object({ record: strongRefSchema }).loose(),
});
export const embedExternalSchema = z.object({
  $type: z.literal('app.bsky.embed.external'),
  external: z.object({ uri: z.string(), title: z.string().optional(), description: z.string().optional() }).loose(),
});
