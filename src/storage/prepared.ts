import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { driverClientOf, type Db } from './db.ts';

const dialect = new PgDialect();

/** node-postgres: a pool (outside a transaction) or a pooled client (inside one); PGlite has `exec`. */
interface PgQueryable {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}


/**
 * A statement the ingest runs once per batch, as a named prepared statement on node-postgres
 * (ADR 0320): PostgreSQL parses and plans it once per connection and keeps the plan, instead of
 * planning it on every batch (the rollup write's several CTEs on the ingest's critical path; the
 * look-ups beside it). On a pool, each connection prepares it the first time it runs it. `name`
 * must always be given the same statement text (its parameters may vary). On PGlite, which runs
 * in this thread and keeps no statement between queries of a drizzle transaction the same way,
 * it runs as an ordinary query. Returns the rows.
 */
export const executePrepared = async <T>(tx: Db, name: string, query: SQL): Promise<T[]> => {
  const client = driverClientOf(tx);
  if (client && typeof (client as PgQueryable).query === 'function' && !('exec' in (client as object))) {
    const { sql: text, params } = dialect.sqlToQuery(query);
    return (await (client as PgQueryable).query({ name, text, values: params })).rows as T[];
  }
  const r = await tx.execute(query);
  return (Array.isArray(r) ? r : ((r as { rows?: unknown[] }).rows ?? [])) as T[];
};
