import { Readable } from 'node:stream';
import { parse as parseCsv, type CsvError } from 'csv-parse';
import { fail } from '../../core/errors.ts';
import { refusal, type ImportFormat, type RawRecord, type RecordProblem } from './records.ts';

/**
 * A file of records read as it arrives (ADR 0200): CSV through csv-parse's stream parser and
 * JSON Lines line by line hold one record at a time, whatever the file's size; a JSON array is
 * read whole (JSON.parse needs all of it), up to `maxJsonArrayBytes`. Items come in file order:
 * each record, or each line that could not be read, with its line (JSON array: item number).
 * The byte counter says how much of the file has been consumed, for progress.
 */
export type StreamItem = { readonly record: RawRecord } | { readonly problem: RecordProblem };

export interface RecordStream {
  readonly format: ImportFormat;
  readonly unit: 'line' | 'item';
  /** CSV: the header row, known after the first item; JSON: empty (the caller looks at records). */
  columns(): readonly string[];
  bytesRead(): number;
  readonly items: AsyncGenerator<StreamItem>;
}

/** JSON arrays are parsed whole: bigger ones should be JSON Lines. */
export const maxJsonArrayBytes = 64 * 1024 * 1024;

export type ByteSource = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

const toBytes = (c: Uint8Array | string): Uint8Array => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c);

const delimiterOf = (headerLine: string): string => {
  const counts = [',', ';', '\t'].map((d) => [d, headerLine.split(d).length - 1] as const);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? ',';
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Opens a stream of records: reads the start of the file (up to its first line break, at most
 * 64 KiB) to guess the format when it is not given and the CSV delimiter, then hands the rest
 * to the parser chunk by chunk.
 */
export const openRecordStream = async (source: ByteSource, o: { readonly name: string; readonly format?: ImportFormat | undefined }): Promise<RecordStream> => {
  const it = (async function* () {
    for await (const c of source) yield c;
  })();
  let bytes = 0;
  const head: Buffer[] = [];
  let headText = '';
  let ended = false;
  while (!/\r?\n/.test(headText) && headText.length < 65_536) {
    const n = await it.next();
    if (n.done) {
      ended = true;
      break;
    }
    const b = Buffer.from(toBytes(n.value));
    bytes += b.length;
    head.push(b);
    headText = Buffer.concat(head).toString('utf8');
  }
  const startText = headText.replace(/^\uFEFF/, '');
  const format: ImportFormat = o.format ?? (/\.(json|jsonl|ndjson)$/i.test(o.name) ? 'json' : /\.(csv|tsv|txt)$/i.test(o.name) ? 'csv' : /^\s*[[{]/.test(startText) ? 'json' : 'csv');
  /** The whole file again, from its first byte, counting what is pulled. */
  async function* all(): AsyncGenerator<Buffer> {
    for (const b of head) yield b;
    if (ended) return;
    for (let n = await it.next(); !n.done; n = await it.next()) {
      const b = Buffer.from(toBytes(n.value));
      bytes += b.length;
      yield b;
    }
  }
  const bytesRead = () => bytes;

  if (format === 'csv') {
    let columns: string[] = [];
    const headerLine = startText.slice(0, Math.max(0, startText.search(/\r?\n|$/)));
    const problems: RecordProblem[] = [];
    const parser = parseCsv({
      bom: true,
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
        problems.push(refusal(Number((err as CsvError & { lines?: number }).lines ?? 0), { key: 'import.line-unreadable-csv', params: { detail: err.message.replace(/^Invalid Record Length: /, '') } }));
      },
    });
    const input = Readable.from(all());
    input.on('error', (e) => parser.destroy(e));
    input.pipe(parser);
    // on_skip runs while the parser works ahead of this reader: a problem is given out just
    // before the first record that follows it, so items stay in file order.
    async function* items(): AsyncGenerator<StreamItem> {
      try {
        for await (const row of parser as AsyncIterable<{ record: Record<string, unknown>; info: { lines: number } }>) {
          const line = row.info.lines;
          while (problems.length > 0 && (problems[0]?.line ?? 0) < line) yield { problem: problems.shift() as RecordProblem };
          yield { record: { line, fields: row.record } };
        }
      } catch (e) {
        // A CSV error that is not about one record (quotes never closed at the end of the file).
        if ((e as { code?: string }).code?.startsWith('CSV_')) {
          yield { problem: refusal(Number((e as { lines?: number }).lines ?? 0), { key: 'import.line-unreadable-csv', params: { detail: (e as Error).message } }) };
        } else throw e;
      } finally {
        input.destroy();
      }
      while (problems.length > 0) yield { problem: problems.shift() as RecordProblem };
    }
    return { format, unit: 'line', columns: () => columns, bytesRead, items: items() };
  }

  if (/^\s*\[/.test(startText)) {
    async function* items(): AsyncGenerator<StreamItem> {
      const parts: Buffer[] = [];
      for await (const b of all()) {
        if (bytes > maxJsonArrayBytes) {
          throw fail('import.json-array-too-large', { mib: maxJsonArrayBytes / 1024 / 1024 }, { message: `a JSON array is read whole, up to ${maxJsonArrayBytes / 1024 / 1024} MiB: give a bigger file as JSON Lines (one object per line)` });
        }
        parts.push(b);
      }
      let value: unknown;
      try {
        value = JSON.parse(Buffer.concat(parts).toString('utf8').replace(/^\uFEFF/, ''));
      } catch (e) {
        yield { problem: refusal(1, { key: 'import.file-not-json', params: { detail: (e as Error).message } }) };
        return;
      }
      const list = value as unknown[];
      for (let i = 0; i < list.length; i++) {
        const v = list[i];
        yield isObject(v) ? { record: { line: i + 1, fields: v } } : { problem: refusal(i + 1, { key: 'import.line-not-object' }) };
      }
    }
    return { format, unit: 'item', columns: () => [], bytesRead, items: items() };
  }

  async function* items(): AsyncGenerator<StreamItem> {
    const decoder = new TextDecoder('utf-8');
    let rest = '';
    let line = 0;
    const one = (raw: string): StreamItem | null => {
      line++;
      const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (text.trim() === '') return null;
      try {
        const v: unknown = JSON.parse(text);
        return isObject(v) ? { record: { line, fields: v } } : { problem: refusal(line, { key: 'import.line-not-object' }) };
      } catch {
        return { problem: refusal(line, { key: 'import.line-not-json' }) };
      }
    };
    for await (const b of all()) {
      rest += decoder.decode(b, { stream: true });
      let nl = rest.indexOf('\n');
      while (nl >= 0) {
        const item = one(rest.slice(0, nl).replace(/\r$/, ''));
        rest = rest.slice(nl + 1);
        if (item) yield item;
        nl = rest.indexOf('\n');
      }
    }
    rest += decoder.decode();
    if (rest !== '') {
      const item = one(rest.replace(/\r$/, ''));
      if (item) yield item;
    }
  }
  return { format, unit: 'line', columns: () => [], bytesRead, items: items() };
};
