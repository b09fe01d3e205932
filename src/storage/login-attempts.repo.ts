import { and, count, eq, gt, lt, min } from 'drizzle-orm';
import type { Db } from './db.ts';
import { loginAttempts } from './schema.ts';

// Global like users: attempts precede any workspace. Keys are the normalised e-mail and the client IP.

export const recordLoginAttempt = async (
  db: Db,
  a: { email: string; ip: string; succeeded: boolean; at: Date },
): Promise<void> => {
  await db.insert(loginAttempts).values(a);
};

export interface FailureWindow {
  /** Failures strictly after `since`. */
  readonly failures: number;
  /** The oldest failure in the window: the limit lifts one window after it. */
  readonly oldest: Date | null;
}

export const countFailures = async (
  db: Db,
  key: { email: string } | { ip: string },
  since: Date,
): Promise<FailureWindow> => {
  const byKey = 'email' in key ? eq(loginAttempts.email, key.email) : eq(loginAttempts.ip, key.ip);
  const [row] = await db
    .select({ n: count(), oldest: min(loginAttempts.at) })
    .from(loginAttempts)
    .where(and(byKey, eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)));
  return { failures: row?.n ?? 0, oldest: row?.oldest ?? null };
};

/** A successful login forgives the e-mail's earlier failures (not the IP's). */
export const forgetFailures = async (db: Db, email: string): Promise<void> => {
  await db.delete(loginAttempts).where(and(eq(loginAttempts.email, email), eq(loginAttempts.succeeded, false)));
};

export const pruneLoginAttempts = async (db: Db, before: Date): Promise<number> => {
  const rows = await db.delete(loginAttempts).where(lt(loginAttempts.at, before)).returning({ id: loginAttempts.id });
  return rows.length;
};
