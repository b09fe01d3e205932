import { parseArgs } from 'node:util';
import type { Command } from '../io.ts';
import { configOrReport, openRuntime, untilSignal } from '../runtime.ts';
import { createJobQueue } from '../../jobs/queue.ts';
import { relaisTasks, type JobContext } from '../../jobs/tasks.ts';
import { startStreamConsumers } from '../../jobs/firehose.ts';
import { systemClock } from '../../core/clock.ts';
import { secretKeyOf } from '../../config/secret-key.ts';
import { analysisPool } from '../../app/ingest/analysis-pool.ts';
import { startImports } from '../../app/import/followed-import.ts';

const help = `Usage: relais worker

Runs the background jobs without the web server. Start as many as you need
against one PostgreSQL (DATABASE_URL); they share the queue. On the embedded
database the worker already runs inside \`relais serve\`.
`;

export const run: Command = async (args, io) => {
  const { values } = parseArgs({ args, options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    io.stdout.write(help);
    return 0;
  }
  const config = configOrReport(io);
  if (!config) return 1;
  const rt = await openRuntime(config, io, 'worker', { migrate: false });
  const ctx: JobContext = { database: rt.database, clock: systemClock, logger: rt.logger, config };
  const queue = await createJobQueue<JobContext>(rt.database, relaisTasks, { logger: rt.logger });
  // The ingest's analysis worker loads while the rest boots, not when the first batch arrives (ADR 0300).
  void analysisPool().start();
  await queue.work(ctx);
  const streams = startStreamConsumers(ctx);
  // A worker resumes followed imports whose process stopped, as a serve does (ADR 0290).
  const imports = await startImports(rt.database, { clock: systemClock, logger: rt.logger, dataDir: config.dataDir, leaseMs: config.importLeaseSeconds * 1000 });
  rt.logger.info('worker.ready', { database: rt.database.kind, tasks: relaisTasks.map((t) => t.name) });
  io.stderr.write(`relais worker running (${relaisTasks.length} tasks). Press Ctrl-C to stop.\n`);
  await untilSignal();
  await imports.close();
  await streams.stop();
  await queue.stop();
  await rt.database.close();
  return 0;
};
