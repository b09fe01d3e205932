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

/**
 * A workspace's slug, derived from its name (there is no stored slug): accents removed,
 * lower case, runs of anything but letters and digits as one `-`. `Atelier Léa & Fils` →
 * `atelier-lea-fils`.
 */
export const workspaceSlug = (name: string): string =>
  name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
