/**
 * From the model's class probabilities and the rules' compound score to the public verdict.
 * Shared by the product and by the training script that calibrates it.
 */

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

export interface Sentiment {
  readonly label: SentimentLabel;
  /** -1 (most negative) .. +1 (most positive). */
  readonly score: number;
}

export interface Calibration {
  /** Weight of the rules' compound score in the score; the rest is p(positive) − p(negative). */
  readonly alpha: number;
  /** Added to each class's log-probability before taking the best (negative, neutral, positive). */
  readonly offsets: readonly [number, number, number];
  /** Weight of the rules' compound in the choice of the label: +gamma·compound to positive, −gamma·compound to negative. */
  readonly gamma: number;
}

const LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

/** Band of the compound score read as neutral when no model serves the language (VADER's ±0.05). */
export const RULES_NEUTRAL_BAND = 0.05;

const clamp = (x: number): number => Math.max(-1, Math.min(1, x));

/**
 * The label is the most likely class after calibration; the score blends both views. A label never
 * contradicts its score: a "positive" whose score is not above zero is reported neutral.
 */
export const decide = (p: ArrayLike<number>, compound: number, cal: Calibration): Sentiment => {
  let best = 0;
  let bestValue = -Infinity;
  for (let c = 0; c < 3; c++) {
    const v = Math.log(Math.max(p[c] ?? 0, 1e-12)) + (cal.offsets[c] ?? 0) + (c - 1) * cal.gamma * compound;
    if (v > bestValue) {
      bestValue = v;
      best = c;
    }
  }
  const score = clamp(cal.alpha * compound + (1 - cal.alpha) * ((p[2] ?? 0) - (p[0] ?? 0)));
  let label = LABELS[best] ?? 'neutral';
  if ((label === 'positive' && score <= 0) || (label === 'negative' && score >= 0)) label = 'neutral';
  return { label, score };
};

/** The verdict of the rules alone, for languages without a trained model. */
export const decideByRules = (compound: number): Sentiment => ({
  label: compound > RULES_NEUTRAL_BAND ? 'positive' : compound < -RULES_NEUTRAL_BAND ? 'negative' : 'neutral',
  score: clamp(compound),
});
