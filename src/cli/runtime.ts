import { fileURLToPath } from 'node:url';
import { loadConfig, ConfigError, type Config } from '../config/env.ts';
import { jsonLogger } from '../config/logger.ts';
import { openDatabase, migrateDatabase, type Database } from '../storage/db.ts';
import { backfillRollups } from '../app/measures/backfill.ts';
import { systemClock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import type { Io } from './io.ts';

/**
 * Boot steps shared by the commands that need the database: configuration
 * (validated once, all problems listed), logger, database (locked on PGlite).
 */
export interface Runtime {
  readonly config: Config;
  readonly logger: Logger;
  readonly database: Database;
}

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const webDir = fileURLToPath(new URL('../../dist/web', import.meta.url));

/** Loads the configuration or reports every problem and returns undefined. */
export const configOrReport = (io: Io): Config | undefined => {
  try {
    return loadConfig(io.env, io.cwd);
  } catch (e) {
    if (e instanceof ConfigError) {
      io.stderr.write(`${e.message}\n`);
      return undefined;
    }
    throw e;
  }
};

export const openRuntime = async (config: Config, io: Io, command: string, opts: { migrate: boolean }): Promise<Runtime> => {
  const logger = jsonLogger(io.stdout, config.logLevel);
  const target = config.database.kind === 'pglite' ? { kind: 'pglite' as const, dataDir: config.database.dataDir } : config.database;
  const database = await openDatabase(target, { command });
  if (opts.migrate) {
    try {
      await migrateDatabase(database);
      // Mentions stored before the measure rollups existed are counted once (ADR 0150).
      const counted = await backfillRollups(database.db, systemClock);
      if (counted.length > 0) logger.info('measures.backfilled', { workspaces: counted.length });
    } catch (e) {
      await database.close();
      throw e;
    }
  }
  return { config, logger, database };
};

/** Resolves when the process is asked to stop (Ctrl-C, SIGTERM). */
export const untilSignal = (): Promise<NodeJS.Signals> =>
  new Promise((resolve) => {
    const on = (s: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(s);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
