import { loadConfig } from '../config/env.ts';
import type { Database } from '../storage/db.ts';
import type { Io } from './io.ts';
import { openRuntime } from './runtime.ts';

/**
 * For one-shot commands (demo, create-admin): the configured database,
 * migrated, locked on PGlite while the command runs. A bad configuration
 * throws the full list of problems, which `main` prints.
 */
export const openConfiguredDatabase = async (io: Io, command: string): Promise<Database> =>
  (await openRuntime(loadConfig(io.env, io.cwd), io, command, { migrate: true })).database;
