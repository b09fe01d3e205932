/**
 * The edge-list CSV of `relais graph` (DESIGN §6): a header `source,target` or
 * `source,target,weight`, then one edge per line.
 *
 * Contract (strict, so that a malformed export is noticed rather than half-read):
 * - The first line is the header (a UTF-8 byte-order mark is ignored; names are case-insensitive).
 * - Fields are separated by commas; a field may be quoted with `"` (a `""` inside is one quote),
 *   which lets an id contain a comma. A quoted field cannot span lines. Spaces around an unquoted
 *   field are trimmed.
 * - Every line has as many fields as the header; ids are not empty; a weight is a decimal number
 *   ≥ 0. Blank lines are skipped; CRLF line ends are accepted.
 * - Any violation throws AppError('bad-request') whose message starts with `line N:`.
 */
import { AppError } from '../../core/errors.ts';
import { createGraphBuilder, type BuildOptions, type CsrGraph } from './csr.ts';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const HEADER_HELP = 'expected the header source,target or source,target,weight';

const fail = (line: number, message: string): never => {
  throw new AppError('bad-request', `line ${line}: ${message}`);
};

/** Splits one line into fields; `line` is for messages. */
export const splitCsvLine = (text: string, line: number): string[] => {
  if (!text.includes('"')) return text.split(',').map((f) => f.trim());
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) fail(line, 'unterminated quoted field');
        value += text.slice(i, q);
        if (text[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      while (text[i] === ' ' || text[i] === '\t') i++;
      fields.push(value);
      if (i >= text.length) return fields;
      if (text[i] !== ',') fail(line, `unexpected character after a quoted field, at column ${i + 1}`);
      i++;
    } else {
      const comma = text.indexOf(',', i);
      const raw = comma < 0 ? text.slice(i) : text.slice(i, comma);
      if (raw.includes('"')) fail(line, `a quote inside an unquoted field, at column ${i + raw.indexOf('"') + 1}`);
      fields.push(raw.trim());
      if (comma < 0) return fields;
      i = comma + 1;
    }
  }
};

/** Parses the CSV text and builds the graph in one pass (no object per edge). */
export const parseEdgesCsv = (text: string, options: BuildOptions = {}): CsrGraph => {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') fail(1, `the file is empty: ${HEADER_HELP}`);
  let start = 0;
  let lineNo = 0;
  let columns = 0;
  const builder = createGraphBuilder(options);
  let edges = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let raw = text.slice(start, end);
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    start = end + 1;
    lineNo++;
    if (lineNo === 1) {
      const header = splitCsvLine(raw, 1).map((h) => h.toLowerCase());
      if (header[0] !== 'source' || header[1] !== 'target' || header.length > 3 || (header.length === 3 && header[2] !== 'weight')) {
        fail(1, `${HEADER_HELP}, found "${raw.length > 60 ? `${raw.slice(0, 60)}…` : raw}"`);
      }
      columns = header.length;
      continue;
    }
    if (raw.trim() === '') continue;
    const fields = splitCsvLine(raw, lineNo);
    if (fields.length !== columns) {
      fail(lineNo, `expected ${columns} fields (${columns === 3 ? 'source,target,weight' : 'source,target'}), found ${fields.length}`);
    }
    const source = fields[0] as string;
    const target = fields[1] as string;
    if (source === '') fail(lineNo, 'empty source');
    if (target === '') fail(lineNo, 'empty target');
    let weight = 1;
    if (columns === 3) {
      const w = fields[2] as string;
      if (!NUMBER.test(w)) fail(lineNo, `weight "${w}" is not a number`);
      weight = Number(w);
      if (!Number.isFinite(weight) || weight < 0) fail(lineNo, `weight ${w} must be a finite number ≥ 0`);
    }
    builder.add(source, target, weight);
    edges++;
  }
  if (edges === 0) fail(1, 'no edge after the header');
  return builder.build();
};
