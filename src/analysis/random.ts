/**
 * A seeded pseudo-random generator (mulberry32), so that randomised algorithms (training order, Louvain's
 * visiting order, synthetic graphs in tests and benchmarks) give the same answer for the same seed.
 * Not for anything secret.
 */
export type Rng = () => number;

/** Uniform in [0, 1), 32 bits of state. */
export const seededRandom = (seed: number): Rng => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};
