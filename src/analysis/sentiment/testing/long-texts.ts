/**
 * Tuning of the long-text aggregation (document.ts, ADR 0260) on Pattern's French book reviews, as
 * that set's SOURCE.md allows ("tune a threshold by cross-validation, and say so"): three numbers,
 * no weight of the model. Used by scripts/train-sentiment.ts (which writes the settings) and by the
 * evaluation (which reports the nested cross-validated accuracy of this very procedure).
 */
import { documentScore, LONG_TEXT_WORDS, sentenceCompounds, type DocumentSettings } from '../document.ts';
import type { RuleScore } from '../rules.ts';
import type { Token } from '../tokens.ts';
import { seededRandom } from '../../random.ts';

export interface LongText {
  /** The short-post score of the whole text (model and rules). */
  readonly whole: number;
  /** The rules' compound of each sentence, or undefined when the text is too short to be aggregated. */
  readonly compounds: readonly number[] | undefined;
  readonly positive: boolean;
}

export const LAST_WEIGHTS: readonly number[] = [1, 2, 3, 4];
export const WHOLE_WEIGHTS: readonly number[] = [0, 0.2, 0.4, 0.6];

export const longText = (tokens: readonly Token[], rules: RuleScore, whole: number, lang: string, positive: boolean): LongText => ({
  whole,
  compounds: rules.words >= LONG_TEXT_WORDS ? sentenceCompounds(tokens, lang) : undefined,
  positive,
});

/** Positive when the product's score is above zero: the whole-text score for short texts, the aggregation for long ones. */
export const predictPositive = (t: LongText, settings: DocumentSettings): boolean =>
  (t.compounds === undefined ? t.whole : documentScore(t.whole, t.compounds, settings)) > 0;

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * The settings with the best accuracy on `items` (binary, score > 0): every last-sentence and
 * whole-text weight of the grid, and for each the best bias, scanned over the sorted blends (a long
 * text is called positive when its blend is above the bias; a short text's verdict does not move).
 */
export const tuneDocument = (items: readonly LongText[]): { settings: DocumentSettings; accuracy: number } => {
  let shortCorrect = 0;
  for (const t of items) if (t.compounds === undefined && t.whole > 0 === t.positive) shortCorrect++;
  const n = Math.max(1, items.length);
  let best: { settings: DocumentSettings; accuracy: number } = { settings: { lastWeight: 1, wholeWeight: 1, bias: 0 }, accuracy: -1 };
  for (const lastWeight of LAST_WEIGHTS)
    for (const wholeWeight of WHOLE_WEIGHTS) {
      const unbiased = { lastWeight, wholeWeight, bias: 0 };
      const blends = items
        .flatMap((t) => (t.compounds === undefined ? [] : [{ v: documentScore(t.whole, t.compounds, unbiased), positive: t.positive }]))
        .sort((a, b) => a.v - b.v);
      // Bias below every blend: all long texts positive. Then raise it past one blend at a time.
      let correct = shortCorrect + blends.filter((b) => b.positive).length;
      const consider = (bias: number, c: number): void => {
        if (c / n > best.accuracy + 1e-12) best = { settings: { lastWeight, wholeWeight, bias }, accuracy: c / n };
      };
      consider(round3((blends[0]?.v ?? 0) - 0.001), correct);
      blends.forEach((b, i) => {
        correct += b.positive ? -1 : 1;
        const next = blends[i + 1]?.v;
        if (next === b.v) return;
        consider(round3(next === undefined ? b.v + 0.001 : (b.v + next) / 2), correct);
      });
    }
  // Rounding the bias may move a blend across it: report the accuracy of the rounded settings.
  let correct = 0;
  for (const t of items) if (predictPositive(t, best.settings) === t.positive) correct++;
  return { settings: best.settings, accuracy: correct / n };
};

/** Fold of each item: a seeded shuffle dealt round-robin, so folds differ in size by one at most. */
export const seededFolds = (n: number, k: number, seed: number): number[] => {
  const next = seededRandom(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const fold = new Array<number>(n);
  order.forEach((item, position) => {
    fold[item] = position % k;
  });
  return fold;
};

/**
 * Accuracy of the whole procedure by nested cross-validation: each fold is predicted with the
 * settings tuned on the other folds only.
 */
export const crossValidateDocument = (items: readonly LongText[], folds: readonly number[], k: number): number => {
  let correct = 0;
  for (let f = 0; f < k; f++) {
    const { settings } = tuneDocument(items.filter((_, i) => folds[i] !== f));
    items.forEach((t, i) => {
      if (folds[i] === f && predictPositive(t, settings) === t.positive) correct++;
    });
  }
  return correct / Math.max(1, items.length);
};
