/**
 * Agreement between two partitions of the same items (e.g. detected communities against known
 * departments): normalised mutual information and the adjusted Rand index.
 *
 * Contract: `a[i]` and `b[i]` are the labels of item i (any integers); both arrays have the same
 * length. NMI uses the arithmetic mean of the two entropies (scikit-learn's default) and is 1 for
 * identical partitions; two single-block partitions give 1. ARI is 1 for identical partitions and
 * about 0 for independent ones (it can be negative).
 */

interface Contingency {
  readonly n: number;
  readonly cells: Map<string, number>;
  readonly rows: Map<number, number>;
  readonly cols: Map<number, number>;
}

const contingency = (a: ArrayLike<number>, b: ArrayLike<number>): Contingency => {
  if (a.length !== b.length) throw new RangeError(`partitions of different lengths: ${a.length} and ${b.length}`);
  const cells = new Map<string, number>();
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    const key = `${x} ${y}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    rows.set(x, (rows.get(x) ?? 0) + 1);
    cols.set(y, (cols.get(y) ?? 0) + 1);
  }
  return { n: a.length, cells, rows, cols };
};

const entropy = (counts: Iterable<number>, n: number): number => {
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
};

export const normalizedMutualInformation = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  const t = contingency(a, b);
  if (t.n === 0) return 1;
  const ha = entropy(t.rows.values(), t.n);
  const hb = entropy(t.cols.values(), t.n);
  if (ha === 0 && hb === 0) return 1;
  let mi = 0;
  for (const [key, c] of t.cells) {
    const [x, y] = key.split(' ').map(Number) as [number, number];
    mi += (c / t.n) * Math.log((c * t.n) / ((t.rows.get(x) as number) * (t.cols.get(y) as number)));
  }
  return mi / ((ha + hb) / 2);
};

const pairs = (k: number): number => (k * (k - 1)) / 2;

export const adjustedRandIndex = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  const t = contingency(a, b);
  let sumCells = 0;
  for (const c of t.cells.values()) sumCells += pairs(c);
  let sumRows = 0;
  for (const c of t.rows.values()) sumRows += pairs(c);
  let sumCols = 0;
  for (const c of t.cols.values()) sumCols += pairs(c);
  const total = pairs(t.n);
  if (total === 0) return 1;
  const expected = (sumRows * sumCols) / total;
  const max = (sumRows + sumCols) / 2;
  if (max === expected) return 1;
  return (sumCells - expected) / (max - expected);
};
