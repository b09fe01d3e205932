import { z } from 'zod';
import { queryKinds } from '../listening-query.ts';
import { isoDateSchema } from './common.ts';

/** Days are kept for ever; hours for the last 7 days (older hourly rows are pruned nightly). */
export const measureGrains = ['day', 'hour'] as const;
export type MeasureGrain = (typeof measureGrains)[number];

const dateParam = z
  .string()
  .max(40)
  .refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 date such as 2026-12-01');

/**
 * Query string of the measure reads. `from` and `to` are both included, at the grain (a day
 * or an hour, UTC); by default the last 30 days (day) or the last 7 days (hour).
 */
export const measuresQuerySchema = z.strictObject({
  grain: z.enum(measureGrains).optional(),
  from: dateParam.optional(),
  to: dateParam.optional(),
  /** One listening query's series; the workspace's whole series without it. */
  queryId: z.string().max(64).optional(),
});
export type MeasuresQuery = z.infer<typeof measuresQuerySchema>;

export const shareOfVoiceQuerySchema = measuresQuerySchema.omit({ queryId: true });
export type ShareOfVoiceQuery = z.infer<typeof shareOfVoiceQuerySchema>;

/** The reputation index of docs/reputation-index.md: 0–100, 50 neutral, with its ~95 % margin. */
export const reputationViewSchema = z.object({
  index: z.number(),
  margin: z.number(),
});

export const sentimentMixSchema = z.object({
  volume: z.number().int(),
  positive: z.number().int(),
  neutral: z.number().int(),
  negative: z.number().int(),
  /** Mean sentiment score in [-1, 1]; null without mentions. */
  meanScore: z.number().nullable(),
});

export const measurePointSchema = sentimentMixSchema.extend({
  /** Start of the bucket (UTC). */
  at: isoDateSchema,
  /** Distinct authors in the bucket. */
  authors: z.number().int(),
  /** Interactions the mentions had when fetched (replies, reposts, likes, quotes, points). */
  reach: z.number().int(),
  /** Mentions that carried interaction counts at all. */
  reachMentions: z.number().int(),
  reputation: reputationViewSchema,
});
export type MeasurePoint = z.infer<typeof measurePointSchema>;

export const measureSeriesSchema = z.object({
  grain: z.enum(measureGrains),
  from: isoDateSchema,
  to: isoDateSchema,
  /** The query measured, or null for all the workspace's mentions. */
  query: z.object({ id: z.string(), name: z.string(), kind: z.enum(queryKinds) }).nullable(),
  /** One point per bucket from `from` to `to`, empty buckets included. */
  points: z.array(measurePointSchema),
  totals: sentimentMixSchema.extend({
    /** Distinct authors over the whole range (not the sum of the buckets'). */
    authors: z.number().int(),
    reach: z.number().int(),
    reachMentions: z.number().int(),
    reputation: reputationViewSchema.extend({
      /** Positive minus negative share without the prior, in [−1, 1]. */
      rawNet: z.number(),
      /** How much of the index comes from the data rather than the neutral prior, in [0, 1]. */
      evidenceWeight: z.number(),
    }),
  }),
});
export type MeasureSeries = z.infer<typeof measureSeriesSchema>;

export const shareOfVoiceSchema = z.object({
  grain: z.enum(measureGrains),
  from: isoDateSchema,
  to: isoDateSchema,
  /** The brand and competitor queries (trade queries are not voices), with their volume over the range. */
  entities: z.array(
    z.object({
      queryId: z.string(),
      name: z.string(),
      kind: z.enum(['brand', 'competitor']),
      volume: z.number().int(),
      /** Volume over the sum of every entity's volume; null when there is none. */
      share: z.number().nullable(),
    }),
  ),
  /** The brand queries' share together; null when no entity has a mention. */
  brandShare: z.number().nullable(),
  points: z.array(
    z.object({
      at: isoDateSchema,
      /** Volumes in the order of `entities`. */
      volumes: z.array(z.number().int()),
      brandShare: z.number().nullable(),
    }),
  ),
});
export type ShareOfVoice = z.infer<typeof shareOfVoiceSchema>;
