import { analyzeText } from '../../analysis/analyze.ts';
import type { SentimentLabel } from '../../core/mention.ts';
import { textFingerprint } from './fingerprint.ts';

/**
 * The per-mention work of ingest that needs nothing but the text: language, sentiment and the
 * near-duplicate fingerprint. Pure, so it runs the same in the ingest thread or in the analysis
 * worker (ADR 0131); the results travel as parallel arrays (a typed array for the scores).
 */
export interface AnalysisInput {
  /** What the language and sentiment read (the title joined to the text when it adds to it). */
  readonly text: string;
  /** What the fingerprint reads (the text as the source gave it). */
  readonly fingerprintText: string;
  readonly declaredLang: string | null;
}

export interface AnalysedBatch {
  readonly lang: string[];
  /** 0 negative, 1 neutral, 2 positive. */
  readonly label: Uint8Array<ArrayBuffer>;
  /** Rounded to 4 decimals, as stored. */
  readonly score: Float64Array<ArrayBuffer>;
  readonly hash: (string | null)[];
}

export const labels: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];
const labelCode: Record<SentimentLabel, number> = { negative: 0, neutral: 1, positive: 2 };

export const analyseBatch = (inputs: readonly AnalysisInput[]): AnalysedBatch => {
  const n = inputs.length;
  const out: AnalysedBatch = { lang: new Array<string>(n), label: new Uint8Array(n), score: new Float64Array(n), hash: new Array<string | null>(n) };
  for (let i = 0; i < n; i++) {
    const input = inputs[i] as AnalysisInput;
    const a = analyzeText(input.text, input.declaredLang ? { lang: input.declaredLang } : {});
    out.lang[i] = a.lang;
    out.label[i] = labelCode[a.sentiment.label];
    out.score[i] = Math.round(a.sentiment.score * 1e4) / 1e4;
    out.hash[i] = textFingerprint(input.fingerprintText);
  }
  return out;
};
