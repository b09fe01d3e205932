import { z } from 'zod';
import { displayNameSchema, emailSchema, localeSchema, passwordSchema, roleSchema } from './common.ts';

export const userViewSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  locale: localeSchema,
});
export type UserView = z.infer<typeof userViewSchema>;

export const workspaceRefSchema = z.object({ id: z.string(), name: z.string(), role: roleSchema });
export type WorkspaceRef = z.infer<typeof workspaceRefSchema>;

/** What login, setup, invitation accept and GET /me answer: who you are, where you belong, your CSRF token. */
export const sessionViewSchema = z.object({
  user: userViewSchema,
  workspaces: z.array(workspaceRefSchema),
  /** Null when authenticated by API token (no CSRF needed). */
  csrfToken: z.string().nullable(),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

export const setupStatusSchema = z.object({ needsSetup: z.boolean() });
export type SetupStatus = z.infer<typeof setupStatusSchema>;

export const setupRequestSchema = z.strictObject({
  email: emailSchema,
  name: displayNameSchema,
  password: passwordSchema,
  workspaceName: displayNameSchema,
  locale: localeSchema.optional(),
});
export type SetupRequest = z.infer<typeof setupRequestSchema>;

export const loginRequestSchema = z.strictObject({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const updateMeRequestSchema = z.strictObject({
  name: displayNameSchema.optional(),
  locale: localeSchema.optional(),
});
export type UpdateMeRequest = z.infer<typeof updateMeRequestSchema>;

export const updateMeResponseSchema = z.object({ user: userViewSchema });

/** Logout takes no fields; an empty object (or no body) is fine. */
export const emptyRequestSchema = z.strictObject({});
export const okSchema = z.object({ ok: z.literal(true) });
