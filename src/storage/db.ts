import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { fileURLToPath } from 'node:url';
import { AppError } from '../core/errors.ts';
import { lockDataDir, type DataDirLock } from './lock.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** The drizzle handle repositories take: the same type on PGlite and PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /**
   * A node-postgres pool for libraries that want one (pg-boss). On PGlite it is
   * a single-connection bridge: PGlite runs one query at a time, and two bridged
   * connections would interleave inside each other's transactions.
   */
  readonly pool: pg.Pool;
  /** The embedded engine itself (PGlite only): pg-boss has an adapter for it. */
  readonly pglite?: PGlite;
  /** The connection string (PostgreSQL only), for libraries that keep their own pool. */
  readonly url?: string;
  /** Run raw SQL (tests, benchmarks, admin). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string | null } // null: in memory
  | { kind: 'postgres'; url: string };

export interface OpenOptions {
  /** Who holds the data dir lock, shown to a second process. */
  command?: string;
  /** Pool size on PostgreSQL. */
  poolSize?: number;
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export const openDatabase = async (target: DatabaseTarget, opts: OpenOptions = {}): Promise<Database> => {
  if (target.kind === 'postgres') return openPostgres(target.url, opts);
  return openPglite(target.dataDir, opts);
};

const openPglite = async (dataDir: string | null, opts: OpenOptions): Promise<Database> => {
  let lock: DataDirLock | undefined;
  if (dataDir) lock = lockDataDir(dataDir, opts.command ?? 'process');
  let client: PGlite;
  try {
    client = await PGlite.create(dataDir ? { dataDir: `${dataDir}/pgdata` } : {});
  } catch (e) {
    lock?.release();
    throw new AppError('unavailable', `Could not open the embedded database in ${dataDir}: ${(e as Error).message}`);
  }
  return wrapPglite(client, lock);
};

/** An in-memory PGlite started from a dumped data dir (tests and benchmarks start from a migrated template). */
export const openPgliteFrom = async (dump: Blob): Promise<Database> => wrapPglite(await PGlite.create({ loadDataDir: dump }), undefined);

const inProcess = new WeakSet<Db>();
/**
 * The driver's own handle behind a drizzle handle: for a transaction, node-postgres' pooled client
 * or PGlite's transaction; outside one, the pool or the PGlite instance. For the few things
 * drizzle has no API for (COPY, named prepared statements).
 */
export const driverClientOf = (db: Db): unknown => (db as unknown as { session?: { client?: unknown } }).session?.client;

/**
 * Whether `db` runs its engine in this thread (PGlite): time spent awaiting it is not free for
 * other work of this thread, unlike a PostgreSQL server's.
 */
export const runsInThisThread = (db: Db): boolean => inProcess.has(db);

const wrapPglite = (client: PGlite, lock: DataDirLock | undefined): Database => {
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  inProcess.add(db);
  const pool = new pg.Pool({ ...(createPgConfig(client) as pg.PoolConfig), max: 1 });
  return {
    kind: 'pglite',
    db,
    pool,
    pglite: client,
    async query<T>(sql: string, params?: unknown[]) {
      const r = await client.query<T>(sql, params as never[]);
      return r.rows;
    },
    async close() {
      await pool.end().catch(() => {});
      if (!client.closed) await client.close();
      lock?.release();
    },
  };
};

const openPostgres = async (url: string, opts: OpenOptions): Promise<Database> => {
  const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10, connectionTimeoutMillis: 5000 });
  // Idle clients can error when the server restarts; without a listener that would crash the process.
  pool.on('error', () => {});
  try {
    const c = await pool.connect();
    c.release();
  } catch (e) {
    await pool.end().catch(() => {});
    throw new AppError(
      'unavailable',
      `Could not connect to PostgreSQL at ${redactUrl(url)}: ${(e as Error).message}. Check DATABASE_URL and that the server is running.`,
    );
  }
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    pool,
    url,
    async query<T>(sql: string, params?: unknown[]) {
      const r = await pool.query(sql, params);
      return r.rows as T[];
    },
    async close() {
      await pool.end();
    },
  };
};

/** Apply pending migrations; the same folder runs on both targets. */
export const migrateDatabase = async (database: Database): Promise<void> => {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder });
  } else {
    // Two replicas starting at once must not both migrate: serialise on an advisory lock.
    const c = await database.pool.connect();
    try {
      await c.query('select pg_advisory_lock(727001)');
      await migratePg(drizzlePg(c, { schema }), { migrationsFolder });
    } finally {
      await c.query('select pg_advisory_unlock(727001)').catch(() => {});
      c.release();
    }
  }
};

export const redactUrl = (url: string): string => {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
};
