import type { Logger } from '../../core/logger.ts';
import type { Database } from '../../storage/db.ts';
import { tryAcquireSingleton } from '../../storage/singleton-lock.ts';
import { pause } from '../../sources/pause.ts';

/**
 * Runs `lead` in this process only while it holds the deployment's singleton `name` (ADR 0111),
 * until `signal` aborts: a process without it tries again every `electionMs`, so another takes
 * over when the holder dies. `lead` gets the lease's `lost` signal and should return when it
 * aborts; the lease is released after each term. A failed election is logged as
 * `<event>.election-failed` and tried again.
 */
export const whileElected = async (o: {
  readonly database: Database;
  readonly name: string;
  readonly electionMs: number;
  readonly signal: AbortSignal;
  readonly logger?: Logger | undefined;
  readonly event: string;
  readonly lead: (lost: AbortSignal) => Promise<void>;
}): Promise<void> => {
  while (!o.signal.aborted) {
    let lease;
    try {
      lease = await tryAcquireSingleton(o.database, o.name);
    } catch (e) {
      o.logger?.warn(`${o.event}.election-failed`, { message: e instanceof Error ? e.message : String(e) });
    }
    if (!lease) {
      await pause(o.electionMs, o.signal);
      continue;
    }
    try {
      await o.lead(lease.lost);
    } finally {
      await lease.release();
    }
  }
};
