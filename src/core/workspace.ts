/** A workspace is a tenant: every piece of data belongs to exactly one. */
export interface Workspace {
  readonly id: string;
  readonly name: string;
  readonly createdAt: Date;
}

export const roles = ['owner', 'editor', 'viewer'] as const;
export type Role = (typeof roles)[number];

const rank: Record<Role, number> = { viewer: 1, editor: 2, owner: 3 };

/** True when `held` allows what `needed` allows. */
export const roleAtLeast = (held: Role, needed: Role): boolean => rank[held] >= rank[needed];

/** The weaker of two roles: an API token never grants more than its user holds. */
export const weakerRole = (a: Role, b: Role): Role => (rank[a] <= rank[b] ? a : b);

export interface WorkspaceSummary {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
}

export interface Member {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly joinedAt: Date;
}
