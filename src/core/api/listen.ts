import { z } from 'zod';
import { networks, sentimentLabels } from '../mention.ts';
import { sourceStatuses } from '../source.ts';
import { queryKinds } from '../listening-query.ts';
import { isoDateSchema, itemsOf } from './common.ts';

const dateParam = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 date')
  .optional();

/** Query string of GET …/mentions; unknown parameters are refused like unknown body fields. */
export const mentionsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(200).optional(),
  network: z.enum(networks).optional(),
  /** Only mentions from this source. */
  sourceId: z.string().max(64).optional(),
  /** Only mentions that matched this listening query. */
  queryId: z.string().max(64).optional(),
  lang: z.string().regex(/^[a-z]{2,3}$/, 'must be a language code such as fr').optional(),
  sentiment: z.enum(sentimentLabels).optional(),
  q: z.string().trim().max(200).optional(),
  since: dateParam,
  until: dateParam,
});
export type MentionsQuery = z.infer<typeof mentionsQuerySchema>;

export const mentionViewSchema = z.object({
  id: z.string(),
  network: z.enum(networks),
  url: z.string().nullable(),
  /** `handle`: the verified handle of a Bluesky firehose author, `did` its stable DID (ADR 0240). */
  author: z.object({ handle: z.string(), did: z.string().nullable(), name: z.string().nullable(), url: z.string().nullable() }),
  text: z.string(),
  title: z.string().nullable(),
  lang: z.string(),
  sentiment: z.object({ label: z.enum(sentimentLabels), score: z.number() }).nullable(),
  publishedAt: isoDateSchema,
  sourceId: z.string().nullable(),
});
export type MentionView = z.infer<typeof mentionViewSchema>;

export const mentionsPageSchema = z.object({
  items: z.array(mentionViewSchema),
  /** Pass as `cursor` for the next page; null at the end. */
  nextCursor: z.string().nullable(),
});
export type MentionsPage = z.infer<typeof mentionsPageSchema>;

export const sourceViewSchema = z.object({
  id: z.string(),
  kind: z.enum(networks),
  name: z.string(),
  url: z.string().nullable(),
  status: z.enum(sourceStatuses),
  lastSuccessAt: isoDateSchema.nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: isoDateSchema.nullable(),
});
export type SourceView = z.infer<typeof sourceViewSchema>;
export const sourcesResponseSchema = itemsOf(sourceViewSchema);

export const queryViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(queryKinds),
  query: z.string(),
});
export type QueryView = z.infer<typeof queryViewSchema>;
export const queriesResponseSchema = itemsOf(queryViewSchema);
