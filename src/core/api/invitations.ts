import { z } from 'zod';
import { displayNameSchema, emailSchema, isoDateSchema, itemsOf, passwordSchema, roleSchema } from './common.ts';

export const createInvitationRequestSchema = z.strictObject({ email: emailSchema, role: roleSchema });
export type CreateInvitationRequest = z.infer<typeof createInvitationRequestSchema>;

export const invitationViewSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  createdAt: isoDateSchema,
  expiresAt: isoDateSchema,
});
export type InvitationView = z.infer<typeof invitationViewSchema>;
export const invitationsResponseSchema = itemsOf(invitationViewSchema);

/** The creation answer carries the secret once; only its hash is kept. */
export const createdInvitationSchema = invitationViewSchema.extend({ token: z.string() });
export type CreatedInvitation = z.infer<typeof createdInvitationSchema>;

/**
 * Accepting: signed in, the current user joins; otherwise an existing account
 * proves itself with its password, or a new account is made with name and password.
 */
export const acceptInvitationRequestSchema = z.strictObject({
  token: z.string().min(1).max(200),
  name: displayNameSchema.optional(),
  password: passwordSchema.optional(),
});
export type AcceptInvitationRequest = z.infer<typeof acceptInvitationRequestSchema>;
