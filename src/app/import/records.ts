import { parse as parseCsv, type CsvError } from 'csv-parse/sync';

/**
 * Files of posts → raw records with the line they came from, and the lines that could not be
 * read at all. CSV (header row required, `,` or `;` or tab detected from the header) through
 * csv-parse (ADR 0063); JSON as an array of objects (reported by item number) or JSON Lines.
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

export interface ReadRecords {
  readonly columns: readonly string[];
  readonly records: readonly RawRecord[];
  readonly problems: readonly RecordProblem[];
  /** `line` or `item`: what the numbers in the report count. */
  readonly unit: 'line' | 'item';
}

export const guessFormat = (name: string, content: string): ImportFormat => {
  if (/\.(json|jsonl|ndjson)$/i.test(name)) return 'json';
  if (/\.(csv|tsv|txt)$/i.test(name)) return 'csv';
  return /^\s*[[{]/.test(content) ? 'json' : 'csv';
};

const delimiterOf = (headerLine: string): string => {
  const counts = [',', ';', '\t'].map((d) => [d, headerLine.split(d).length - 1] as const);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? ',';
};

const readCsv = (content: string): ReadRecords => {
  const text = content.replace(/^\uFEFF/, '');
  const headerLine = text.slice(0, text.search(/\r?\n|$/));
  const problems: RecordProblem[] = [];
  let columns: string[] = [];
  const rows = parseCsv(text, {
    delimiter: delimiterOf(headerLine),
    columns: (header: string[]) => {
      columns = header.map((h) => h.trim());
      return columns;
    },
    info: true,
    relax_quotes: false,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined) => {
      if (!err) return;
      problems.push({ line: Number((err as CsvError & { lines?: number }).lines ?? 0), reason: `unreadable CSV: ${err.message.replace(/^Invalid Record Length: /, '')}` });
    },
  }) as unknown as { record: Record<string, unknown>; info: { lines: number; raw?: string } }[];
  const records = rows.map((r) => ({ line: r.info.lines, fields: r.record }));
  return { columns, records, problems, unit: 'line' };
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const readJson = (content: string): ReadRecords => {
  const text = content.replace(/^\uFEFF/, '');
  const problems: RecordProblem[] = [];
  const records: RawRecord[] = [];
  if (/^\s*\[/.test(text)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return { columns: [], records: [], problems: [{ line: 1, reason: `not valid JSON: ${(e as Error).message}` }], unit: 'item' };
    }
    (value as unknown[]).forEach((v, i) => {
      if (isObject(v)) records.push({ line: i + 1, fields: v });
      else problems.push({ line: i + 1, reason: 'not a JSON object' });
    });
  } else {
    text.split(/\r?\n/).forEach((raw, i) => {
      if (raw.trim() === '') return;
      try {
        const v: unknown = JSON.parse(raw);
        if (isObject(v)) records.push({ line: i + 1, fields: v });
        else problems.push({ line: i + 1, reason: 'not a JSON object' });
      } catch {
        problems.push({ line: i + 1, reason: 'not valid JSON' });
      }
    });
  }
  const columns = [...new Set(records.slice(0, 100).flatMap((r) => Object.keys(r.fields)))];
  return { columns, records, problems, unit: /^\s*\[/.test(text) ? 'item' : 'line' };
};

export const readRecords = (content: string, format: ImportFormat): ReadRecords => (format === 'csv' ? readCsv(content) : readJson(content));
