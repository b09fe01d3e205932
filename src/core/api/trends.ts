import { z } from 'zod';
import { isoDateSchema } from './common.ts';

export const trendWindowNames = ['24h', '72h', '7d'] as const;

export const trendsQuerySchema = z.strictObject({
  /** One listening query; all the workspace's mentions when absent. */
  queryId: z.string().max(64).optional(),
  window: z.enum(trendWindowNames).optional(),
});

const ranked = z.object({ key: z.string(), mentions: z.number().int() });
/** An author, by its verified handle when known; `did` is the stable id of a Bluesky firehose author (ADR 0240). */
const rankedAuthor = ranked.extend({ did: z.string().optional() });

export const trendItemSchema = z.object({
  term: z.string(),
  hashtag: z.boolean(),
  mentions: z.number().int(),
  /** Distinct people who used it in the window. */
  authors: z.number().int(),
  baselinePerDay: z.number(),
  ratio: z.number(),
  score: z.number(),
  explanation: z.object({ fr: z.string(), en: z.string() }),
  who: z.array(rankedAuthor),
  sites: z.array(ranked),
});
export type TrendItemView = z.infer<typeof trendItemSchema>;

export const trendsResponseSchema = z.object({
  queryId: z.string().nullable(),
  window: z.enum(trendWindowNames),
  from: isoDateSchema,
  to: isoDateSchema,
  baselineDays: z.number().int(),
  /** Mentions read (window and baseline); `truncated` when the cap was reached. */
  scanned: z.number().int(),
  truncated: z.boolean(),
  trends: z.array(trendItemSchema),
  summary: z.object({
    mentions: z.number().int(),
    authors: z.number().int(),
    who: z.array(rankedAuthor),
    what: z.array(ranked.extend({ authors: z.number().int() })),
    when: z.object({
      bucket: z.enum(['hour', 'day']),
      buckets: z.array(z.object({ start: isoDateSchema, mentions: z.number().int(), negative: z.number().int() })),
    }),
    where: z.object({ networks: z.array(ranked), sites: z.array(ranked) }),
    sentiment: z.object({ positive: z.number().int(), neutral: z.number().int(), negative: z.number().int() }),
  }),
});
export type TrendsView = z.infer<typeof trendsResponseSchema>;
