import { fail } from '../../core/errors.ts';
import type { Db } from '../../storage/db.ts';
import { countFailures, forgetFailures, pruneLoginAttempts, recordLoginAttempt } from '../../storage/login-attempts.repo.ts';

/** Failed logins allowed per window, per e-mail and per client address; counted in the database so every replica agrees. */
export interface LoginLimits {
  readonly windowMs: number;
  readonly perEmail: number;
  readonly perIp: number;
}

export const defaultLoginLimits: LoginLimits = { windowMs: 15 * 60_000, perEmail: 5, perIp: 30 };

/** Throws `rate-limited` (with `details.retryAfterSeconds`) when either key is over its limit. */
export const assertLoginAllowed = async (
  db: Db,
  key: { email: string; ip: string },
  now: Date,
  limits: LoginLimits,
): Promise<void> => {
  const since = new Date(now.getTime() - limits.windowMs);
  const checks = [
    { window: await countFailures(db, { email: key.email }, since), limit: limits.perEmail },
    { window: await countFailures(db, { ip: key.ip }, since), limit: limits.perIp },
  ];
  let retryAt = 0;
  for (const { window, limit } of checks) {
    if (window.failures >= limit && window.oldest) retryAt = Math.max(retryAt, window.oldest.getTime() + limits.windowMs);
  }
  if (retryAt > 0) {
    const retryAfterSeconds = Math.max(1, Math.ceil((retryAt - now.getTime()) / 1000));
    throw fail('auth.too-many-attempts', { seconds: retryAfterSeconds }, { details: { retryAfterSeconds } });
  }
};

export const noteLoginResult = async (
  db: Db,
  key: { email: string; ip: string },
  succeeded: boolean,
  now: Date,
  limits: LoginLimits,
): Promise<void> => {
  await recordLoginAttempt(db, { ...key, succeeded, at: now });
  if (succeeded) await forgetFailures(db, key.email);
  // Keep the table small without a separate job: older rows can no longer count.
  await pruneLoginAttempts(db, new Date(now.getTime() - 2 * limits.windowMs));
};
