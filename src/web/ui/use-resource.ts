/**
 * Loads data for a component: state for loading, the value and the error, a reload,
 * and answers that arrive after the inputs changed are dropped (no stale overwrite).
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
  /** Replace the value locally after a successful change, without a round trip. */
  set(value: T): void;
}

export const useResource = <T>(load: () => Promise<T>, deps: readonly unknown[]): Resource<T> => {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const [nonce, setNonce] = useState(0);
  const generation = useRef(0);

  useEffect(() => {
    const mine = ++generation.current;
    setLoading(true);
    setError(undefined);
    load().then(
      (value) => {
        if (generation.current !== mine) return;
        setData(value);
        setLoading(false);
      },
      (e: unknown) => {
        if (generation.current !== mine) return;
        setError(e);
        setLoading(false);
      },
    );
    // `load` is a fresh closure each render on purpose: `deps` says when its inputs changed.
  }, [...deps, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data, error, loading, reload, set: setData };
};
