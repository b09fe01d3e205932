import { z } from 'zod';
import { displayNameSchema, isoDateSchema, roleSchema, itemsOf } from './common.ts';

export const createWorkspaceRequestSchema = z.strictObject({ name: displayNameSchema });
export type CreateWorkspaceRequest = z.infer<typeof createWorkspaceRequestSchema>;

export const renameWorkspaceRequestSchema = z.strictObject({ name: displayNameSchema });
export type RenameWorkspaceRequest = z.infer<typeof renameWorkspaceRequestSchema>;

export const workspaceViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The caller's role in it. */
  role: roleSchema,
  createdAt: isoDateSchema,
});
export type WorkspaceView = z.infer<typeof workspaceViewSchema>;

export const memberViewSchema = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  joinedAt: isoDateSchema,
});
export type MemberView = z.infer<typeof memberViewSchema>;
export const membersResponseSchema = itemsOf(memberViewSchema);

export const changeRoleRequestSchema = z.strictObject({ role: roleSchema });
export type ChangeRoleRequest = z.infer<typeof changeRoleRequestSchema>;
