/**
 * Child process of the crash test: opens the file-based PGlite data dir (taking over the lock
 * a killed predecessor left) or the PostgreSQL database, ingests one source, and says how far
 * it got on stdout, one line per committed batch, so the parent can kill it in the middle.
 *   node crash-child.ts <dataDir | postgres://url> <sourceId> <batchSize>
 */
import { systemClock } from '../../../core/clock.ts';
import { openDatabase } from '../../../storage/db.ts';
import { createSafeFetch } from '../../../sources/http/safe-fetch.ts';
import { ingestSource } from '../ingest-source.ts';

const [where, sourceId, batchSize] = process.argv.slice(2);
if (!where || !sourceId) {
  process.stderr.write('usage: crash-child.ts <dataDir | postgres://url> <sourceId> <batchSize>\n');
  process.exit(2);
}
const database = await openDatabase(
  /^postgres(ql)?:\/\//.test(where) ? { kind: 'postgres', url: where } : { kind: 'pglite', dataDir: where },
  { command: 'crash-test' },
);
process.stdout.write('open\n');
const outcome = await ingestSource(
  {
    db: database.db,
    clock: systemClock,
    fetcher: createSafeFetch({ allowPrivateNetworks: true, timeoutMs: 60_000 }),
    batchSize: Number(batchSize ?? 100),
    onProgress: (done, total) => process.stdout.write(`batch ${done}/${total}\n`),
  },
  sourceId,
);
process.stdout.write(`done ${JSON.stringify(outcome)}\n`);
await database.close();
