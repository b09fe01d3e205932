/**
 * What a file of posts or people reads as: raw records with the line they came from, and the
 * lines that could not be read at all (record-stream.ts reads them; ADR 0063, 0200).
 */
import { renderProblem, type Problem } from '../../core/messages.ts';

export type ImportFormat = 'csv' | 'json';

export interface RawRecord {
  /** 1-based line of the file where the record starts (JSON array: item number). */
  readonly line: number;
  readonly fields: Readonly<Record<string, unknown>>;
}

export interface RecordProblem {
  readonly line: number;
  /** In English: what the command line prints, and the text stored beside the key. */
  readonly reason: string;
  /** The reason as a message key, said in the reader's language by the API and the web (ADR 0250). */
  readonly problem: Problem;
}

/** A refused record; its English text is the key's unless the command line has its own words for it. */
export const refusal = (line: number, problem: Problem, reason: string = renderProblem(problem, 'en')): RecordProblem => ({ line, reason, problem });
