/** Evaluation measures shared by the training script, the evaluation and the tests. */

/** Pearson correlation coefficient; 0 when either side is constant. */
export const pearson = (a: readonly number[], b: readonly number[]): number => {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] ?? 0;
    mb += b[i] ?? 0;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = (a[i] ?? 0) - ma;
    const db = (b[i] ?? 0) - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa === 0 || sbb === 0 ? 0 : sab / Math.sqrt(saa * sbb);
};

/** F1 of one class (0 when the class is never predicted nor present). */
export const f1Of = <T>(predicted: readonly T[], gold: readonly T[], cls: T): number => {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < gold.length; i++) {
    const p = predicted[i] === cls;
    const g = gold[i] === cls;
    if (p && g) tp++;
    else if (p) fp++;
    else if (g) fn++;
  }
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
};

/** Unweighted mean of the per-class F1 (sklearn's `average='macro'`). */
export const macroF1 = <T>(predicted: readonly T[], gold: readonly T[], classes: readonly T[]): number =>
  classes.reduce((s, c) => s + f1Of(predicted, gold, c), 0) / classes.length;

export const accuracy = <T>(predicted: readonly T[], gold: readonly T[]): number => {
  let ok = 0;
  for (let i = 0; i < gold.length; i++) if (predicted[i] === gold[i]) ok++;
  return gold.length === 0 ? 0 : ok / gold.length;
};
