import { z } from 'zod';
import { queryKinds } from '../listening-query.ts';
import { mentionViewSchema } from './listen.ts';

/** Longer texts are refused by the parser with a positioned error; this only bounds the body. */
const queryText = z.string().max(10_000);
const locale = z.enum(['fr', 'en']);

export const queryParams = z.object({ workspaceId: z.string(), queryId: z.string() });

export const validateQueryBodySchema = z.strictObject({ query: queryText, locale: locale.optional() });

export const queryProblemSchema = z.object({
  /** Stable code of the problem (e.g. `unclosed-parenthesis`). */
  code: z.string(),
  /** Message in the requested language, for someone who is not a programmer. */
  message: z.string(),
  /** 0-based UTF-16 offset into the query text. */
  offset: z.number().int(),
  /** 1-based column, counted in characters. */
  column: z.number().int(),
  /** UTF-16 length of the offending text, when it is a single word or operator. */
  length: z.number().int().optional(),
});
export type QueryProblem = z.infer<typeof queryProblemSchema>;

export const queryValidationSchema = z.union([
  z.object({ valid: z.literal(true) }),
  z.object({ valid: z.literal(false), error: queryProblemSchema }),
]);
export type QueryValidation = z.infer<typeof queryValidationSchema>;

export const previewQueryBodySchema = z.strictObject({
  query: queryText,
  limit: z.number().int().min(1).max(200).optional(),
  locale: locale.optional(),
});

export const queryPreviewSchema = z.object({
  /** Matching mentions, newest first, at most `limit`. */
  items: z.array(mentionViewSchema),
  /** Matches among the scanned mentions (may exceed the items returned). */
  matched: z.number().int(),
  /** Mentions scanned: the workspace's most recent ones, at most `window`. */
  scanned: z.number().int(),
  window: z.number().int(),
});
export type QueryPreview = z.infer<typeof queryPreviewSchema>;

export const createQueryBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  kind: z.enum(queryKinds),
  query: queryText,
  locale: locale.optional(),
});
export type CreateQueryBody = z.infer<typeof createQueryBodySchema>;

export const updateQueryBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  kind: z.enum(queryKinds).optional(),
  query: queryText.optional(),
  locale: locale.optional(),
});
export type UpdateQueryBody = z.infer<typeof updateQueryBodySchema>;
