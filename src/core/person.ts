/**
 * A person a workspace knows (the coming People capability): a customer, a prospect, a relay, a
 * journalist… with their handles on the networks relais hears, so that mentions can later be
 * tied to them. Handles are unique per workspace: one (network, handle) names one person.
 */

export const personRoles = ['customer', 'prospect', 'relay', 'leader', 'partner', 'press', 'competitor'] as const;
export type PersonRole = (typeof personRoles)[number];

/** The networks a handle can be on: those relais listens to, and the usual others people give. */
export const personNetworks = [
  'mastodon', 'bluesky', 'reddit', 'hackernews', 'x', 'instagram', 'linkedin', 'facebook', 'youtube', 'tiktok', 'github', 'email', 'web',
] as const;
export type PersonNetwork = (typeof personNetworks)[number];

export interface PersonHandle {
  readonly network: PersonNetwork;
  /** In the form mentions carry it: `@user@server`, `name.bsky.social`, `u/name`… (normaliseHandle). */
  readonly handle: string;
  /** Reads only: the DID a Bluesky handle was stored as; `handle` is then its verified handle, when known (ADR 0240). */
  readonly did?: string;
}

export interface Person {
  readonly id: string;
  readonly workspaceId: string;
  readonly displayName: string;
  readonly handles: readonly PersonHandle[];
  readonly profileUrl: string | null;
  readonly bio: string | null;
  readonly tags: readonly string[];
  readonly roles: readonly PersonRole[];
  readonly notes: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A person as a file or a form gives it, before it is stored or merged. */
export interface PersonDraft {
  readonly displayName: string;
  readonly handles: readonly PersonHandle[];
  readonly profileUrl?: string;
  readonly bio?: string;
  readonly tags: readonly string[];
  readonly roles: readonly PersonRole[];
  readonly notes?: string;
}

/** Other spellings people use for a network's name. */
const networkAliases: Readonly<Record<string, PersonNetwork>> = {
  twitter: 'x', 'x.com': 'x', bsky: 'bluesky', hn: 'hackernews', 'hacker news': 'hackernews', mail: 'email', 'e-mail': 'email',
  courriel: 'email', site: 'web', website: 'web', www: 'web', ig: 'instagram', yt: 'youtube', fb: 'facebook',
};

export const personNetworkOf = (raw: string): PersonNetwork | undefined => {
  const n = raw.trim().toLowerCase();
  return (personNetworks as readonly string[]).includes(n) ? (n as PersonNetwork) : networkAliases[n];
};

/** French spellings of the roles, accepted in files as well as the English ones. */
const roleAliases: Readonly<Record<string, PersonRole>> = {
  client: 'customer', cliente: 'customer', prospect: 'prospect', relais: 'relay', leader: 'leader', "leader d'opinion": 'leader',
  influenceur: 'leader', influenceuse: 'leader', partenaire: 'partner', presse: 'press', journaliste: 'press', concurrent: 'competitor',
  concurrente: 'competitor',
};

export const personRoleOf = (raw: string): PersonRole | undefined => {
  const r = raw.trim().toLowerCase();
  return (personRoles as readonly string[]).includes(r) ? (r as PersonRole) : roleAliases[r];
};

/**
 * A handle in the one form relais compares, the form mentions carry, or the reason it is not a
 * handle on that network. Case is folded where the network ignores it.
 */
export const normaliseHandle = (network: PersonNetwork, raw: string): string | { error: string } => {
  const h = raw.trim();
  if (h === '') return { error: 'empty handle' };
  if (/\s/.test(h)) return { error: `"${h}" has spaces` };
  switch (network) {
    case 'mastodon': {
      const m = /^@?([A-Za-z0-9_]+)@([A-Za-z0-9.-]+\.[A-Za-z]{2,})$/.exec(h);
      return m ? `@${(m[1] ?? '').toLowerCase()}@${(m[2] ?? '').toLowerCase()}` : { error: `"${h}" is not a Mastodon handle (@user@server)` };
    }
    case 'bluesky': {
      const d = h.replace(/^@/, '').toLowerCase();
      return /^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/.test(d) || /^did:[a-z]+:[A-Za-z0-9._:%-]+$/.test(d) ? d : { error: `"${h}" is not a Bluesky handle (name.bsky.social)` };
    }
    case 'reddit': {
      const n = h.replace(/^\/?u(?:ser)?\//i, '');
      return /^[A-Za-z0-9_-]{3,20}$/.test(n) ? `u/${n}` : { error: `"${h}" is not a Reddit user name` };
    }
    case 'email': {
      const e = h.replace(/^mailto:/i, '').toLowerCase();
      return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e) ? e : { error: `"${h}" is not an e-mail address` };
    }
    case 'web': {
      try {
        const u = new URL(/^https?:\/\//i.test(h) ? h : `https://${h}`);
        return u.href;
      } catch {
        return { error: `"${h}" is not a web address` };
      }
    }
    case 'hackernews':
      return /^[A-Za-z0-9_-]{2,15}$/.test(h) ? h : { error: `"${h}" is not a Hacker News user name` };
    default: {
      // x, instagram, linkedin, facebook, youtube, tiktok, github: a user name, `@` optional.
      const n = h.replace(/^@/, '');
      return /^[A-Za-z0-9_.-]{1,100}$/.test(n) ? n.toLowerCase() : { error: `"${h}" is not a ${network} user name` };
    }
  }
};
