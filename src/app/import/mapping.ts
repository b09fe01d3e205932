import { createHash } from 'node:crypto';
import { networks, type MentionDraft, type Network } from '../../core/mention.ts';
import { postImportFields } from '../../core/api/imports.ts';
import { guessColumns, postColumnNames } from '../../core/import-columns.ts';
import { handleHintOf, isDid, parseRecordUri, POST_COLLECTION } from '../../sources/bluesky/syntax.ts';
import type { RawRecord } from './records.ts';
import type { Problem } from '../../core/messages.ts';

/**
 * Column mapping: which column of the file gives the text, author, date, URL, id, network and
 * title of a post. Unmapped fields are guessed from usual column names; only the text is
 * required. A record becomes a MentionDraft or a reason it was refused.
 */
export const mappedFields = postImportFields;
export type MappedField = (typeof mappedFields)[number];
export type ColumnMapping = Partial<Record<MappedField, string>>;

/**
 * Parses `text=body,author=user`; unknown field names are an error naming them. `fields` are
 * the names allowed (posts by default; people have theirs, import-people.ts).
 */
export const parseMapping = <F extends string = MappedField>(spec: string, fields: readonly F[] = mappedFields as unknown as readonly F[]): Partial<Record<F, string>> | { error: string } => {
  const out: Partial<Record<F, string>> = {};
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    const field = part.slice(0, eq).trim() as F;
    const column = part.slice(eq + 1).trim();
    if (eq <= 0 || !column) return { error: `"${part}": expected field=column` };
    if (!fields.includes(field)) return { error: `"${field}" is not a field (expected one of ${fields.join(', ')})` };
    out[field] = column;
  }
  return out;
};

/** A mapping that cannot be used: in English for the command line, and as a problem for the API (ADR 0220). */
export interface MappingError {
  readonly error: string;
  readonly problem: Problem;
}

/** The mapping given, completed by usual column names (case-insensitive); an unknown given column is an error. */
export const resolveMapping = (columns: readonly string[], given: ColumnMapping): ColumnMapping | MappingError => {
  const lower = new Map(columns.map((c) => [c.toLowerCase(), c]));
  const chosen: ColumnMapping = {};
  for (const f of mappedFields) {
    const wanted = given[f];
    if (wanted === undefined) continue;
    const col = lower.get(wanted.toLowerCase());
    if (!col) return { error: `column "${wanted}" (for ${f}) is not in the file; its columns are: ${columns.join(', ')}`, problem: { key: 'import.column-missing', params: { column: wanted, field: f, columns: columns.join(', ') } } };
    chosen[f] = col;
  }
  // Unmapped fields from usual column names, French and English (shared with the web dialog).
  const out: ColumnMapping = { ...chosen, ...guessColumns(mappedFields, postColumnNames, columns, chosen) };
  if (!out.text) return { error: `no text column: name it with --map text=COLUMN (the file's columns are: ${columns.join(', ')})`, problem: { key: 'import.no-text-column', params: { columns: columns.join(', ') } } };
  return out;
};

const str = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v.trim() : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');

/** A numeric date is Unix seconds (or milliseconds when it is that large). */
const parseDate = (raw: string): Date | null => {
  if (/^\d{9,13}$/.test(raw)) {
    const n = Number(raw);
    return new Date(n < 1e11 ? n * 1000 : n);
  }
  const t = Date.parse(raw);
  return Number.isNaN(t) ? null : new Date(t);
};

export type MappedRecord = { readonly ok: true; readonly draft: MentionDraft } | { readonly ok: false; readonly problem: Problem };

export const toDraft = (r: RawRecord, m: ColumnMapping, importedAt: Date): MappedRecord => {
  const get = (f: MappedField) => (m[f] ? str(r.fields[m[f]]) : '');
  const text = get('text');
  if (!text) return { ok: false, problem: { key: 'import.empty-text', params: { column: m.text ?? '' } } };
  let publishedAt = importedAt;
  const rawDate = get('date');
  if (m.date) {
    const d = rawDate ? parseDate(rawDate) : null;
    if (!d) {
      return { ok: false, problem: rawDate ? { key: 'import.bad-date', params: { value: rawDate.slice(0, 40), column: m.date } } : { key: 'import.empty-date', params: { column: m.date } } };
    }
    publishedAt = d;
  }
  const url = get('url');
  if (url && !/^https?:\/\//i.test(url)) return { ok: false, problem: { key: 'import.bad-url', params: { value: url.slice(0, 60), column: m.url ?? '' } } };
  const rawNetwork = get('network').toLowerCase();
  const network: Network = (networks as readonly string[]).includes(rawNetwork) ? (rawNetwork as Network) : 'import';
  const author = get('author');
  // Without an id column, the post's content is its identity: importing the same file twice stores nothing twice.
  const externalId =
    get('id') ||
    `sha256:${createHash('sha256').update(`${author}\u0000${rawDate}\u0000${url}\u0000${text}`).digest('base64url').slice(0, 32)}`;
  const title = get('title');
  // A Bluesky post named by its AT URI is its author's (the URI's DID): stored by DID like every
  // Bluesky mention, the file's author kept as a hint (ADR 0280).
  const at = network === 'bluesky' ? parseRecordUri(externalId) : undefined;
  const hint = handleHintOf(author);
  const byDid = at && at.collection === POST_COLLECTION && isDid(at.authority) ? at.authority : undefined;
  return {
    ok: true,
    draft: {
      network,
      externalId,
      ...(url ? { url } : {}),
      author: byDid
        ? { handle: byDid, ...(hint ? { handleHint: hint } : {}), ...(author ? { name: author } : {}) }
        : author
          ? { handle: author, name: author }
          : { handle: 'unknown' },
      text,
      ...(title ? { title } : {}),
      links: [...text.matchAll(/https?:\/\/\S+/g)].map((x) => x[0]),
      hashtags: [...text.matchAll(/(?:^|[^\p{L}\p{N}])#([\p{L}\p{N}_]+)/gu)].map((x) => (x[1] ?? '').toLowerCase()),
      mentions: [],
      publishedAt,
    },
  };
};
