import { inArray, sql } from 'drizzle-orm';
import type { Db } from './db.ts';
import { blueskyIdentities } from './schema.ts';

/**
 * The deployment's cache of Bluesky DIDs resolved to handles (ADR 0210). Written by the one
 * resolver of the firehose consumer; read by the mention list (a join on `author_handle`).
 */

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
    .values(rows.map((r) => ({ did: r.did, handle: r.handle, resolvedAt: r.at, expiresAt: r.expiresAt, failures: 0, lastError: null })))
    .onConflictDoUpdate({
      target: blueskyIdentities.did,
      set: { handle: sql`excluded.handle`, resolvedAt: sql`excluded.resolved_at`, expiresAt: sql`excluded.expires_at`, failures: 0, lastError: null },
    });
};

export interface FailedIdentity {
  readonly did: string;
  readonly error: string;
  readonly at: Date;
  readonly expiresAt: Date;
}

/** Resolutions that could not be done (directory down, timeout): a handle known before is kept. */
export const saveFailedIdentities = async (db: Db, rows: readonly FailedIdentity[]): Promise<void> => {
  if (rows.length === 0) return;
  await db
    .insert(blueskyIdentities)
    .values(rows.map((r) => ({ did: r.did, handle: null, resolvedAt: r.at, expiresAt: r.expiresAt, failures: 1, lastError: r.error.slice(0, 500) })))
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
