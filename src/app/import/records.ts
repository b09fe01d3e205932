/**
 * What a file of posts or people reads as: raw records with the line they came from, and the
 * lines that could not be read at all (record-stream.ts reads them; ADR 0063, 0200).
 */
export type ImportFormat = 'csv' | 'json';

export interface RawRecord {
  /** 1-based line of the file where the record starts (JSON array: item number). */
  readonly line: number;
  readonly fields: Readonly<Record<string, unknown>>;
}

export interface RecordProblem {
  readonly line: number;
  readonly reason: string;
}
