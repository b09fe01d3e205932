/**
 * Waits `ms`, or less when `signal` aborts: a stream supervisor's pause between reconnections
 * that a shutdown cuts short. Resolves either way (never rejects), so the caller's loop checks
 * its own stop flag next.
 */
export const pause = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
