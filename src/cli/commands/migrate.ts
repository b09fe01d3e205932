import { parseArgs } from 'node:util';
import type { Command } from '../io.ts';
import { configOrReport, openRuntime } from '../runtime.ts';

export const run: Command = async (args, io) => {
  const { values } = parseArgs({ args, options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    io.stdout.write('Usage: relais migrate\n\nApplies pending database migrations (PGlite in RELAIS_DATA_DIR, or DATABASE_URL) and exits.\n');
    return 0;
  }
  const config = configOrReport(io);
  if (!config) return 1;
  const started = Date.now();
  const rt = await openRuntime(config, io, 'migrate', { migrate: true });
  await rt.database.close();
  io.stdout.write(`Database is up to date (${rt.database.kind}, ${Date.now() - started} ms).\n`);
  return 0;
};
