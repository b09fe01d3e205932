import { z } from 'zod';
import { displayNameSchema, isoDateSchema, itemsOf, roleSchema } from './common.ts';

export const createTokenRequestSchema = z.strictObject({
  name: displayNameSchema,
  workspaceId: z.string().min(1).max(64),
  role: roleSchema,
});
export type CreateTokenRequest = z.infer<typeof createTokenRequestSchema>;

export const tokenViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  workspaceId: z.string(),
  role: roleSchema,
  createdAt: isoDateSchema,
  lastUsedAt: isoDateSchema.nullable(),
});
export type TokenView = z.infer<typeof tokenViewSchema>;
export const tokensResponseSchema = itemsOf(tokenViewSchema);

/** Shown once: send it as `Authorization: Bearer <token>`. */
export const createdTokenSchema = tokenViewSchema.extend({ token: z.string() });
export type CreatedToken = z.infer<typeof createdTokenSchema>;
