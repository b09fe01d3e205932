import { parseArgs } from 'node:util';
import { serve as listen } from '@hono/node-server';
import type { Command, Io } from '../io.ts';
import { configOrReport, openRuntime, untilSignal, webDir } from '../runtime.ts';
import { createHttpApp } from '../../http/app.ts';
import { createJobQueue } from '../../jobs/queue.ts';
import { relaisTasks, type JobContext } from '../../jobs/tasks.ts';
import { startStreamConsumers } from '../../jobs/firehose.ts';
import { seedDemoOnFirstStart } from '../../app/demo.ts';
import { systemClock } from '../../core/clock.ts';
import { startImports } from '../../app/import/followed-import.ts';
import { analysisPool } from '../../app/ingest/analysis-pool.ts';

const help = `Usage: relais serve [--migrate]

Serves the web interface and the API on PORT (3000), with the job worker in
the same process unless RELAIS_WORKERS=false. On PGlite the data directory is
locked while it runs.

  --migrate   apply pending migrations first, and on the very first start
              create the demo workspace (RELAIS_DEMO=true); npm start does this
`;

export const run: Command = async (args, io) => {
  const { values } = parseArgs({ args, options: { migrate: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    io.stdout.write(help);
    return 0;
  }
  return serveRelais(io, { migrate: values.migrate === true });
};

export const serveRelais = async (io: Io, opts: { migrate: boolean }): Promise<number> => {
  const bootStarted = performance.now();
  const config = configOrReport(io);
  if (!config) return 1;
  const rt = await openRuntime(config, io, 'serve', { migrate: opts.migrate });
  const { database, logger } = rt;
  const clock = systemClock;
  let demoLogin: { email: string; password: string } | undefined;
  if (opts.migrate && config.demo) demoLogin = await seedDemoOnFirstStart(database.db, clock);

  const ctx: JobContext = { database, clock, logger, config };
  const queue = await createJobQueue<JobContext>(database, relaisTasks, { logger, schedule: config.workers });
  // The ingest's analysis worker loads while the rest boots, not when the first batch arrives (ADR 0300).
  if (config.workers) void analysisPool().start();
  if (config.workers) await queue.work(ctx);
  const streams = config.workers ? startStreamConsumers(ctx) : undefined;

  // Followed imports: this process runs those it receives, and takes over those of a process that stopped (ADR 0290).
  const imports = await startImports(database, { clock, logger, dataDir: config.dataDir, leaseMs: config.importLeaseSeconds * 1000 });
  const app = createHttpApp({ database, config, clock, logger, webDir, jobs: queue, imports });
  const server = await new Promise<ReturnType<typeof listen>>((resolve, reject) => {
    // A big import's upload on a slow link may take long (it is stored, then imported, ADR 0250, 0290):
    // an hour for the whole request instead of Node's five minutes; headers keep their own timeout.
    const s = listen({ fetch: app.fetch, port: config.port, hostname: config.host, serverOptions: { requestTimeout: 3_600_000 } }, () => resolve(s));
    s.once('error', reject);
  }).catch(async (e: NodeJS.ErrnoException) => {
    await imports.close();
    await streams?.stop();
    await queue.stop();
    await database.close();
    if (e.code === 'EADDRINUSE') throw new Error(`Port ${config.port} is already in use. Set PORT to another port.`);
    throw e;
  });

  const url = config.publicUrl ?? `http://localhost:${config.port}`;
  const ms = Math.round(performance.now() - bootStarted);
  logger.info('serve.ready', { url, database: database.kind, workers: config.workers, bootMs: ms, rssMb: Math.round(process.memoryUsage().rss / 2 ** 20) });
  io.stderr.write(`\nrelais is running at ${url} (${database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'}, ready in ${ms} ms)\n`);
  if (demoLogin) {
    io.stderr.write(`Demo workspace "Coupe-Chou" created. Log in as ${demoLogin.email} with password ${demoLogin.password}\n`);
  }
  io.stderr.write('Press Ctrl-C to stop.\n\n');

  const signal = await untilSignal();
  logger.info('serve.stopping', { signal });
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await imports.close();
  await streams?.stop();
  await queue.stop();
  await database.close();
  return 0;
};
