import type { Role } from './workspace.ts';

/** A browser session. The bearer token itself is never stored, only its SHA-256. */
export interface Session {
  readonly id: string;
  readonly userId: string;
  readonly csrfToken: string;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  /** Absolute end of life, whatever the activity. */
  readonly expiresAt: Date;
}

/** A personal API token for automation, limited to one workspace and a role. */
export interface ApiToken {
  readonly id: string;
  readonly userId: string;
  readonly workspaceId: string;
  readonly name: string;
  readonly role: Role;
  readonly lastUsedAt: Date | null;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}

export interface Invitation {
  readonly id: string;
  readonly workspaceId: string;
  readonly email: string;
  readonly role: Role;
  readonly invitedBy: string | null;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly acceptedAt: Date | null;
}

/**
 * Who is calling. A session acts with the user's memberships; an API token
 * only inside its workspace and never above its role.
 */
export type Principal =
  | { readonly kind: 'session'; readonly userId: string; readonly session: Session }
  | { readonly kind: 'token'; readonly userId: string; readonly token: ApiToken };
