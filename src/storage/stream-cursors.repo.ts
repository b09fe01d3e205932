import { eq, sql } from 'drizzle-orm';
import type { Db } from './db.ts';
import { streamCursors } from './schema.ts';

/** The persisted position of a global stream consumer (ADR 0111). */

export const readStreamCursor = async (db: Db, name: string): Promise<number | null> => {
  const [row] = await db.select({ cursor: streamCursors.cursor }).from(streamCursors).where(eq(streamCursors.name, name));
  return row ? row.cursor : null;
};

/** Saves the cursor; never moves it back (a late writer with an older position loses). */
export const saveStreamCursor = async (db: Db, name: string, cursor: number, at: Date): Promise<void> => {
  await db
    .insert(streamCursors)
    .values({ name, cursor, updatedAt: at })
    .onConflictDoUpdate({
      target: streamCursors.name,
      set: { cursor: sql`greatest(${streamCursors.cursor}, excluded.cursor)`, updatedAt: at },
    });
};
