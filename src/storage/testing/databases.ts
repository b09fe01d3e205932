import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openDatabase, migrateDatabase, type Database } from '../db.ts';

/**
 * Test support: every storage test runs on both targets. PGlite runs in memory;
 * PostgreSQL gets a fresh database per call, dropped by `close()`.
 *
 * PostgreSQL comes from RELAIS_TEST_PG_URL (default: the local server, trust
 * auth). When it is unreachable the PostgreSQL cases skip with a message,
 * except in CI or with RELAIS_REQUIRE_PG=1, where they fail.
 */
export const adminUrl = process.env.RELAIS_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const requirePostgres = process.env.CI === 'true' || process.env.RELAIS_REQUIRE_PG === '1';

let reachable: Promise<boolean> | undefined;
export const postgresReachable = (): Promise<boolean> => {
  reachable ??= (async () => {
    const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
    try {
      await c.connect();
      await c.end();
      return true;
    } catch {
      return false;
    }
  })();
  return reachable;
};

export interface TestDatabase extends Database {
  /** For PostgreSQL, the URL of the fresh database (to open it again, e.g. after a "restart"). */
  readonly url?: string;
}

/** A fresh, migrated, empty PostgreSQL database. */
export const freshPostgres = async (opts: { migrate?: boolean } = {}): Promise<TestDatabase> => {
  const name = `relais_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const db = await openDatabase({ kind: 'postgres', url }, { poolSize: 4 });
  if (opts.migrate !== false) await migrateDatabase(db);
  return {
    ...db,
    url,
    async close() {
      await db.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
};

/** A fresh, migrated PGlite database in memory. */
export const freshPglite = async (opts: { migrate?: boolean } = {}): Promise<TestDatabase> => {
  const db = await openDatabase({ kind: 'pglite', dataDir: null });
  if (opts.migrate !== false) await migrateDatabase(db);
  return db;
};

export interface Target {
  readonly name: 'pglite' | 'postgres';
  /** Why this target is skipped, or false when it runs. */
  skip(): Promise<string | false>;
  open(opts?: { migrate?: boolean }): Promise<TestDatabase>;
}

export const targets: readonly Target[] = [
  { name: 'pglite', skip: async () => false, open: freshPglite },
  {
    name: 'postgres',
    async skip() {
      if (await postgresReachable()) return false;
      if (requirePostgres) {
        throw new Error(`PostgreSQL is required here (CI or RELAIS_REQUIRE_PG=1) but ${adminUrl} is unreachable.`);
      }
      return `PostgreSQL unreachable at ${adminUrl}; set RELAIS_TEST_PG_URL to run these cases`;
    },
    open: freshPostgres,
  },
];
