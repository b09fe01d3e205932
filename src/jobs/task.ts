import type { z } from 'zod';

/**
 * A background task. Payloads are ids only (the handler reads the current state
 * from the database), and handlers are idempotent: the queue delivers at least
 * once, so running a job twice must leave the same result as running it once.
 * Each task declares its own retry policy.
 */
export interface RetryPolicy {
  /** Attempts after the first one. */
  readonly limit: number;
  /** Seconds before the first retry. */
  readonly delaySeconds: number;
  /** Double the delay at every retry (with jitter). */
  readonly backoff: boolean;
  /** Upper bound of the delay with backoff. */
  readonly maxDelaySeconds?: number;
}

export interface TaskDefinition<P, Ctx> {
  readonly name: string;
  /** Validates the payload at the edge: a job whose data does not parse is dead-lettered, never retried. */
  readonly payload: z.ZodType<P>;
  readonly retry: RetryPolicy;
  /**
   * pg-boss queue policy. `exclusive`: at most one job per singleton key queued or running
   * (a second send with that key is dropped); `stately`: at most one queued and one running per
   * key (a change made while a job runs still gets its own run); default `standard`.
   */
  readonly policy?: 'standard' | 'exclusive' | 'stately';
  /** A job running longer than this is considered lost and retried. */
  readonly expireInSeconds: number;
  /** A recurring schedule (cron, UTC) stored in the database, so it survives restarts. */
  readonly schedule?: { readonly cron: string; readonly payload: P };
  readonly handle: (payload: P, ctx: Ctx, job: JobInfo) => Promise<void>;
}

/** What a handler knows of its job; `send` enqueues follow-up jobs (a scheduler fanning out). */
export interface JobInfo {
  readonly id: string;
  readonly attempt: number;
  readonly signal: AbortSignal;
  send(task: string, payload: object, opts?: { startAfterSeconds?: number; singletonKey?: string }): Promise<string | null>;
}

/** Thrown by a handler when retrying cannot help (the job is dead-lettered at once). */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

/** Erases the payload type so tasks of different payloads sit in one list. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTask<Ctx> = TaskDefinition<any, Ctx>;

export const defineTask = <P, Ctx>(t: TaskDefinition<P, Ctx>): TaskDefinition<P, Ctx> => t;
