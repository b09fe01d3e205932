import pg from 'pg';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase, openPgliteFrom, migrateDatabase, type Database } from '../db.ts';

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
    // Generous: on a loaded 2-core machine a first connection can take seconds, and a "not
    // reachable" answer here fails the whole file in CI.
    const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 15_000 });
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

/**
 * PGlite's initdb costs seconds; loading a dumped data dir costs ~0.5 s. The
 * first test process builds a migrated template and caches it on disk under
 * .relais-test/, keyed by the migrations' content, so every later
 * `freshPglite()` starts from a copy of it.
 */
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const migrationsDir = fileURLToPath(new URL('../migrations', import.meta.url));

const migrationsKey = (): string => {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, name.name);
      if (name.isDirectory()) walk(p);
      else h.update(name.name).update(readFileSync(p));
    }
  };
  walk(migrationsDir);
  return h.digest('hex').slice(0, 16);
};

let template: Promise<Blob> | undefined;
const migratedTemplate = (): Promise<Blob> => {
  template ??= (async () => {
    const dir = join(repoRoot, '.relais-test');
    const file = join(dir, `pglite-${migrationsKey()}.tar`);
    if (existsSync(file)) return new Blob([readFileSync(file)]);
    const db = await openDatabase({ kind: 'pglite', dataDir: null });
    await migrateDatabase(db);
    const dump = await (db.pglite as PGlite).dumpDataDir('none');
    await db.close();
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, file);
    return dump;
  })();
  return template;
};

/** A fresh PGlite database in memory, migrated unless told otherwise. */
export const freshPglite = async (opts: { migrate?: boolean } = {}): Promise<TestDatabase> => {
  if (opts.migrate === false) return openDatabase({ kind: 'pglite', dataDir: null });
  return openPgliteFrom(await migratedTemplate());
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
