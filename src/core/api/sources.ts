import { z } from 'zod';
import { maxFetchIntervalSeconds, minFetchIntervalSeconds } from '../source-fetch.ts';
import { sourceViewSchema } from './listen.ts';
import { isoDateSchema } from './common.ts';

/** Source kinds a user can add through the API today (each has a connector). */
export const feedKinds = ['rss', 'reddit'] as const;

const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((s) => /^https?:\/\/[^\s]+$/i.test(s) && URL.canParse(s), 'must be an http(s) URL');

const interval = z.number().int().min(minFetchIntervalSeconds).max(maxFetchIntervalSeconds);

export const sourcePreviewBodySchema = z.strictObject({ kind: z.enum(feedKinds), url: httpUrl });

export const sourcePreviewSchema = z.object({
  /** The feed that was read: the URL given, or the feed a web page advertised. */
  feedUrl: z.string(),
  title: z.string(),
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      url: z.string().nullable(),
      author: z.string(),
      text: z.string(),
      publishedAt: isoDateSchema,
    }),
  ),
});
export type SourcePreview = z.infer<typeof sourcePreviewSchema>;

export const createSourceBodySchema = z.strictObject({
  kind: z.enum(feedKinds),
  url: httpUrl,
  name: z.string().trim().min(1).max(120).optional(),
  fetchIntervalSeconds: interval.optional(),
});
export type CreateSourceBody = z.infer<typeof createSourceBodySchema>;

export const updateSourceBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  /** Pause or resume; resuming a disabled source clears its error streak. */
  status: z.enum(['active', 'paused']).optional(),
  fetchIntervalSeconds: interval.optional(),
});
export type UpdateSourceBody = z.infer<typeof updateSourceBodySchema>;

export const sourceParams = z.object({ workspaceId: z.string(), sourceId: z.string() });

export const sourceDetailSchema = sourceViewSchema.extend({
  errorCount: z.number().int(),
  disabledReason: z.string().nullable(),
  fetchIntervalSeconds: z.number().int(),
  nextFetchAt: isoDateSchema.nullable(),
  /** Mentions stored per UTC day over the last 14 days, oldest first. */
  itemsPerDay: z.array(z.object({ day: z.string(), count: z.number().int() })),
});
export type SourceDetail = z.infer<typeof sourceDetailSchema>;

export const fetchRequestedSchema = z.object({ sourceId: z.string(), queued: z.boolean() });
