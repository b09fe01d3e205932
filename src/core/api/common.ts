import { z } from 'zod';
import { roles } from '../workspace.ts';
import { locales } from '../user.ts';

/** The one error envelope of the API: `{ "error": { "code", "message", "problems" } }`, codes from core/errors.ts (ADR 0220). */
export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** What went wrong as message keys with parameters (core/messages.ts); empty for a message of the command line. */
    problems: z.array(z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number(), z.object({ fr: z.string(), en: z.string() })])).optional() })),
  }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

export const roleSchema = z.enum(roles);
export const localeSchema = z.enum(locales);

/** A name a person types: trimmed, 1 to 120 characters. */
export const displayNameSchema = z.string().trim().min(1, 'must not be empty').max(120);
export const emailSchema = z.string().trim().max(254).pipe(z.email('must be an e-mail address'));
/** Long enough to resist guessing, short enough that hashing it cannot be abused. */
export const passwordSchema = z.string().min(10, 'must be at least 10 characters').max(256);

export const isoDateSchema = z.string().describe('ISO 8601 date-time');

export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
