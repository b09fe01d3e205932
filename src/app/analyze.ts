/**
 * Use case behind `relais analyze` (DESIGN §6): JSON lines `{"id", "text"}` in, one verdict per
 * line out, in input order. A bad line does not stop the stream: it is reported with its line
 * number and the caller decides the exit status once the input is exhausted.
 */
import { analyzeText } from '../analysis/analyze.ts';
import type { SentimentLabel } from '../analysis/sentiment/sentiment.ts';
import { optionalString, readTextLine } from './json-lines.ts';

export interface AnalyzedRecord {
  readonly id: string | number;
  readonly lang: string;
  readonly sentiment: { readonly label: SentimentLabel; readonly score: number };
}

export type AnalyzeOutcome =
  | { readonly ok: true; readonly line: number; readonly record: AnalyzedRecord }
  | { readonly ok: false; readonly line: number; readonly message: string };

/** Scores are rounded to 4 decimals: more digits are noise, and the output stays compact. */
const round = (x: number): number => Math.round(x * 1e4) / 1e4;

/** Analyses one input line (1-based `line` for messages); blank lines give nothing. */
export const analyzeLine = (raw: string, line: number): AnalyzeOutcome | undefined => {
  const read = readTextLine(raw, line);
  if (!read || !read.ok) return read;
  const { id, text, fields } = read.value;
  const lang = optionalString(fields, 'lang');
  if (lang.error) return { ok: false, line, message: lang.error };
  const analysis = analyzeText(text, lang.value === undefined ? {} : { lang: lang.value });
  return {
    ok: true,
    line,
    record: { id, lang: analysis.lang, sentiment: { label: analysis.sentiment.label, score: round(analysis.sentiment.score) } },
  };
};

/** Analyses a stream of lines, yielding one outcome per non-blank line, in order. */
export async function* analyzeLines(lines: AsyncIterable<string>): AsyncGenerator<AnalyzeOutcome> {
  let n = 0;
  for await (const raw of lines) {
    n++;
    const outcome = analyzeLine(raw, n);
    if (outcome) yield outcome;
  }
}
