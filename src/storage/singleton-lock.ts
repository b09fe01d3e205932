import type { Database } from './db.ts';

/**
 * A deployment-wide singleton (ADR 0111): on PostgreSQL a session-level advisory lock held by
 * one dedicated connection, so among every `relais serve` / `relais worker` process exactly one
 * runs the consumer, and another takes over within one election period when it dies (the
 * server frees the lock with the session). On PGlite there is only one process (the data
 * directory is locked), so the lock is always granted.
 */
export interface SingletonLease {
  /** Aborted when the lock is lost (its connection broke). */
  readonly lost: AbortSignal;
  release(): Promise<void>;
}

/** The lock's key: the name hashed to PostgreSQL's 64-bit advisory key space by the server itself. */
const keySql = 'hashtextextended($1, 0)';

export const tryAcquireSingleton = async (database: Database, name: string): Promise<SingletonLease | null> => {
  const lost = new AbortController();
  if (database.kind === 'pglite') return { lost: lost.signal, release: async () => {} };
  const client = await database.pool.connect();
  let ok = false;
  try {
    const r = await client.query<{ ok: boolean }>(`select pg_try_advisory_lock(${keySql}) as ok`, [name]);
    ok = r.rows[0]?.ok === true;
  } catch (e) {
    client.release(e as Error);
    throw e;
  }
  if (!ok) {
    client.release();
    return null;
  }
  const onError = () => lost.abort();
  client.on('error', onError);
  let released = false;
  return {
    lost: lost.signal,
    async release() {
      if (released) return;
      released = true;
      client.off('error', onError);
      try {
        await client.query(`select pg_advisory_unlock(${keySql})`, [name]);
        client.release();
      } catch (e) {
        // The session is gone, and the lock with it.
        client.release(e as Error);
      }
    },
  };
};
