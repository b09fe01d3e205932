import { and, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from './db.ts';
import { blueskyIdentities, mentions } from './schema.ts';

/**
 * The deployment's cache of Bluesky DIDs resolved to handles (ADR 0210). Written by the one
 * resolver of the firehose consumer, and by the ingest of search and notifications, whose hints
 * only ask for a resolution (ADR 0280); read by every read that shows or matches an author
 * (ADR 0240), through the join and lookups below and nowhere else.
 */

// ---- Reads: an author shown by its verified handle, everywhere (ADR 0240) ----

/** A row naming someone on a network joined with the identity of a Bluesky DID (drizzle): `.leftJoin(blueskyIdentities, identityJoinOn(t.network, t.handle))`. */
export const identityJoinOn = (network: AnyPgColumn, stored: AnyPgColumn): SQL => and(eq(network, 'bluesky'), eq(blueskyIdentities.did, stored)) as SQL;

/** The mentions table joined with its author's identity: `.leftJoin(blueskyIdentities, mentionIdentityJoin)`. */
export const mentionIdentityJoin = identityJoinOn(mentions.network, mentions.authorHandle);

const alias = (m: string): string => {
  if (!/^[a-z_][a-z0-9_]*$/.test(m)) throw new Error(`not an SQL alias: ${m}`);
  return m;
};

/**
 * For raw SQL reads of `mentions <m>`: a left join of the author's identity, one probe of the
 * cache's primary key per row (`from mentions m ${authorIdentityJoin('m')}`). Its columns are
 * `<m>_identity.handle`; see `verifiedHandleOf`.
 */
export const authorIdentityJoin = (m: string): SQL =>
  sql.raw(`left join bluesky_identities ${alias(m)}_identity on ${alias(m)}.network = 'bluesky' and ${alias(m)}_identity.did = ${alias(m)}.author_handle`);

/** The verified handle of the joined author (null: none known, or not a DID). */
export const verifiedHandleOf = (m: string): SQL => sql.raw(`${alias(m)}_identity.handle`);

/** The author as shown, in SQL: the verified handle of a DID, else the stored author. */
export const shownAuthorOf = (m: string): SQL => sql.raw(`coalesce(${alias(m)}_identity.handle, ${alias(m)}.author_handle)`);

/** The verified handles of these DIDs (absent: none known). */
export const verifiedHandles = async (db: Db, dids: readonly string[]): Promise<Map<string, string>> => {
  if (dids.length === 0) return new Map();
  const rows = await db
    .select({ did: blueskyIdentities.did, handle: blueskyIdentities.handle })
    .from(blueskyIdentities)
    .where(and(inArray(blueskyIdentities.did, [...new Set(dids)]), isNotNull(blueskyIdentities.handle)));
  return new Map(rows.map((r) => [r.did, r.handle as string]));
};

/**
 * The DIDs whose verified handle is one of `handles` (lower-case, without `@`), by handle: how a
 * handle a user typed (`author:`, the watch list) reaches the firehose's DIDs. Usually one DID per
 * handle; two for a while when a handle moved to another DID and the old entry has not expired.
 */
export const didsOfHandles = async (db: Db, handles: readonly string[]): Promise<Map<string, string[]>> => {
  const out = new Map<string, string[]>();
  if (handles.length === 0) return out;
  const rows = await db
    .select({ did: blueskyIdentities.did, handle: blueskyIdentities.handle })
    .from(blueskyIdentities)
    .where(inArray(blueskyIdentities.handle, [...new Set(handles)]));
  for (const r of rows) {
    if (r.handle === null) continue;
    out.set(r.handle, [...(out.get(r.handle) ?? []), r.did]);
  }
  return out;
};

// ---- The resolver's state ----

export interface IdentityState {
  readonly handle: string | null;
  readonly expiresAt: Date;
  readonly failures: number;
}

/** What is known of these DIDs (absent: never resolved). */
export const identityStates = async (db: Db, dids: readonly string[]): Promise<Map<string, IdentityState>> => {
  if (dids.length === 0) return new Map();
  const rows = await db
    .select({ did: blueskyIdentities.did, handle: blueskyIdentities.handle, expiresAt: blueskyIdentities.expiresAt, failures: blueskyIdentities.failures })
    .from(blueskyIdentities)
    .where(inArray(blueskyIdentities.did, [...dids]));
  return new Map(rows.map((r) => [r.did, { handle: r.handle, expiresAt: r.expiresAt, failures: r.failures }]));
};

/**
 * Rows in DID order: the resolver's writes and the ingests' hints (in a source's last transaction)
 * upsert the same rows, and taking their locks in one order keeps them from deadlocking.
 */
const byDid = <T extends { readonly did: string } | readonly [string, string]>(rows: readonly T[]): T[] => {
  const did = (r: T): string => ('did' in r ? r.did : r[0]);
  return [...rows].sort((a, b) => (did(a) < did(b) ? -1 : did(a) > did(b) ? 1 : 0));
};

export interface ResolvedIdentity {
  readonly did: string;
  /** The verified handle, or null (no handle claimed, or it does not point back to the DID). */
  readonly handle: string | null;
  readonly at: Date;
  readonly expiresAt: Date;
}

/** Answers of the DID's document (verified or not): they replace what was known. */
export const saveResolvedIdentities = async (db: Db, rows: readonly ResolvedIdentity[]): Promise<void> => {
  if (rows.length === 0) return;
  await db
    .insert(blueskyIdentities)
    .values(byDid(rows).map((r) => ({ did: r.did, handle: r.handle, resolvedAt: r.at, expiresAt: r.expiresAt, failures: 0, lastError: null })))
    .onConflictDoUpdate({
      target: blueskyIdentities.did,
      set: { handle: sql`excluded.handle`, resolvedAt: sql`excluded.resolved_at`, expiresAt: sql`excluded.expires_at`, failures: 0, lastError: null, pending: false },
    });
};

export interface FailedIdentity {
  readonly did: string;
  readonly error: string;
  readonly at: Date;
  readonly expiresAt: Date;
}

/** Resolutions that could not be done (directory down, timeout): a handle known before is kept, and a DID a hint asked for stays asked for. */
export const saveFailedIdentities = async (db: Db, rows: readonly FailedIdentity[]): Promise<void> => {
  if (rows.length === 0) return;
  await db
    .insert(blueskyIdentities)
    .values(byDid(rows).map((r) => ({ did: r.did, handle: null, resolvedAt: r.at, expiresAt: r.expiresAt, failures: 1, lastError: r.error.slice(0, 500) })))
    .onConflictDoUpdate({
      target: blueskyIdentities.did,
      set: {
        resolvedAt: sql`excluded.resolved_at`,
        expiresAt: sql`excluded.expires_at`,
        failures: sql`${blueskyIdentities.failures} + 1`,
        lastError: sql`excluded.last_error`,
      },
    });
};

/**
 * Jetstream identity events for DIDs already known: the new handle (the relay's, null when the
 * event carries none) is shown at once and the entry expires now, so the resolver checks it
 * again. Unknown DIDs are left alone (nobody needs them yet). Returns the DIDs updated.
 */
export const applyIdentityEvents = async (db: Db, events: ReadonlyArray<{ readonly did: string; readonly handle: string | null }>, at: Date): Promise<string[]> => {
  if (events.length === 0) return [];
  // The last event of a DID wins.
  const last = new Map(events.map((e) => [e.did, e.handle]));
  const rows = await db
    .update(blueskyIdentities)
    .set({
      handle: sql`(select (v->>'handle') from jsonb_array_elements(${JSON.stringify([...last].map(([did, handle]) => ({ did, handle })))}::jsonb) v where v->>'did' = ${blueskyIdentities.did} limit 1)`,
      expiresAt: at,
    })
    .where(inArray(blueskyIdentities.did, [...last.keys()]))
    .returning({ did: blueskyIdentities.did });
  return rows.map((r) => r.did);
};

// ---- Hints: the handle a network view gave with a DID (ADR 0280) ----

export interface HandleHint {
  readonly did: string;
  /** Lower-case, syntax-checked by the caller. */
  readonly handle: string;
}

/**
 * What search and notification payloads say a DID's handle is. Only the resolver's check makes a
 * handle shown or matched as verified: a hint never writes `handle`. A DID never seen gets a row
 * asking for resolution now (`pending`); a known DID is asked for again only when the hint is new
 * and is not already its verified handle (the author may have changed it), so a view that keeps
 * disagreeing with the DID document costs one check, not one a minute. Returns the DIDs asked for.
 */
export const saveHandleHints = async (db: Db, hints: readonly HandleHint[], at: Date): Promise<string[]> => {
  const last = new Map(hints.map((h) => [h.did, h.handle]));
  if (last.size === 0) return [];
  const rows = await db
    .insert(blueskyIdentities)
    .values(byDid([...last]).map(([did, handle]) => ({ did, handle: null, resolvedAt: null, expiresAt: at, failures: 0, hint: handle, pending: true })))
    .onConflictDoUpdate({
      target: blueskyIdentities.did,
      set: { hint: sql`excluded.hint`, pending: true, expiresAt: sql`least(${blueskyIdentities.expiresAt}, excluded.expires_at)` },
      setWhere: sql`${blueskyIdentities.hint} is distinct from excluded.hint and ${blueskyIdentities.handle} is distinct from excluded.hint`,
    })
    .returning({ did: blueskyIdentities.did });
  return rows.map((r) => r.did);
};

/**
 * Takes up to `limit` DIDs hints asked for whose time has come, for one identity queue: their
 * `expires_at` moves `leaseMs` ahead, so another worker's queue does not take them meanwhile
 * (`skip locked`: two claims never wait on each other). The resolution's answer clears `pending`;
 * a failure leaves it, so the DID is claimed again after its back-off.
 */
export const claimPendingIdentities = async (db: Db, now: Date, limit: number, leaseMs: number): Promise<string[]> => {
  const until = new Date(now.getTime() + leaseMs).toISOString();
  const r = await db.execute(sql`
    update bluesky_identities set expires_at = ${until}::timestamptz
    where did in (
      select did from bluesky_identities
      where pending and expires_at <= ${now.toISOString()}::timestamptz
      order by expires_at
      limit ${limit}
      for update skip locked)
    returning did`);
  const rows = (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as Array<{ did: string }>;
  return rows.map((x) => x.did);
};
