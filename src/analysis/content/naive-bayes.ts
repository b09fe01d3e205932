/**
 * Multinomial naive Bayes with additive smoothing: the small trained model of the
 * content classifier. Deterministic training (counts only), so the committed
 * weights are reproduced byte for byte by scripts/train-content.ts.
 */
import { contentClasses, type ContentClass } from './classes.ts';

/** The committed form: per feature, the log-probability under each class (class order of `contentClasses`). */
export interface NaiveBayesModel {
  readonly classes: readonly ContentClass[];
  readonly logPrior: readonly number[];
  readonly logLikelihood: Readonly<Record<string, readonly number[]>>;
}

export interface LabelledFeatures {
  readonly features: readonly string[];
  readonly label: ContentClass;
}

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

export const trainNaiveBayes = (examples: readonly LabelledFeatures[], alpha = 0.5): NaiveBayesModel => {
  const k = contentClasses.length;
  const docs = new Array<number>(k).fill(0);
  const totals = new Array<number>(k).fill(0);
  const counts = new Map<string, number[]>();
  for (const e of examples) {
    const c = contentClasses.indexOf(e.label);
    docs[c] = (docs[c] ?? 0) + 1;
    for (const f of e.features) {
      let row = counts.get(f);
      if (!row) counts.set(f, (row = new Array<number>(k).fill(0)));
      row[c] = (row[c] ?? 0) + 1;
      totals[c] = (totals[c] ?? 0) + 1;
    }
  }
  const v = counts.size;
  const logLikelihood: Record<string, number[]> = {};
  for (const f of [...counts.keys()].sort()) {
    const row = counts.get(f) as number[];
    logLikelihood[f] = row.map((n, c) => round(Math.log((n + alpha) / ((totals[c] ?? 0) + alpha * v))));
  }
  const n = examples.length;
  // Uniform priors when classes are balanced by design; the data's priors otherwise.
  const logPrior = docs.map((d) => round(Math.log((d + 1) / (n + k))));
  return { classes: contentClasses, logPrior, logLikelihood };
};

/** Class log-scores (unnormalised posteriors); features unseen in training carry no evidence. */
export const scoreNaiveBayes = (model: NaiveBayesModel, features: readonly string[]): number[] => {
  const s = [...model.logPrior];
  for (const f of features) {
    const row = model.logLikelihood[f];
    if (!row) continue;
    for (let c = 0; c < s.length; c++) s[c] = (s[c] ?? 0) + (row[c] ?? 0);
  }
  return s;
};

/** Softmax of log-scores. */
export const toProbabilities = (scores: readonly number[]): number[] => {
  const max = Math.max(...scores);
  const e = scores.map((x) => Math.exp(x - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / sum);
};
