import type { Clock } from '../../core/clock.ts';

/**
 * Per-host politeness: at least `minDelayMs` between two requests to the same host, whatever
 * the number of sources pointing at it. Slots are reserved before waiting, so concurrent
 * callers queue up instead of all firing when the delay ends. Clock and sleep are injected.
 */
export interface Politeness {
  wait(host: string, signal?: AbortSignal): Promise<void>;
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export const createPoliteness = (minDelayMs: number, clock: Clock, sleep: Sleep = realSleep): Politeness => {
  const next = new Map<string, number>();
  return {
    async wait(host, signal) {
      const key = host.toLowerCase();
      const now = clock.now().getTime();
      const slot = Math.max(now, next.get(key) ?? now);
      next.set(key, slot + minDelayMs);
      if (slot > now) await sleep(slot - now, signal);
    },
  };
};
