import { loadConfig } from '../config/env.ts';
import { migrateDatabase, openDatabase, type Database } from '../storage/db.ts';
import type { Io } from './io.ts';

/**
 * For one-shot commands (demo, create-admin): the configured database,
 * migrated, locked on PGlite while the command runs. A bad configuration
 * throws the full list of problems, which `main` prints.
 */
export const openConfiguredDatabase = async (io: Io, command: string): Promise<Database> => {
  const config = loadConfig(io.env, io.cwd);
  const target = config.database.kind === 'pglite' ? { kind: 'pglite' as const, dataDir: config.database.dataDir } : config.database;
  const database = await openDatabase(target, { command });
  try {
    await migrateDatabase(database);
  } catch (e) {
    await database.close();
    throw e;
  }
  return database;
};
