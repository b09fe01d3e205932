/**
 * What the import dialog shows before sending: the file's format and its column names,
 * read from the CSV header line or the keys of a JSON array's objects. Pure, so Node
 * tests it; the server does the real parsing and the per-line checks.
 */
import { guessColumns, peopleColumnNames, postColumnNames } from '../../../core/import-columns.ts';

export type ImportFormat = 'csv' | 'json';

export const importFormatOf = (name: string, content: string): ImportFormat => {
  if (/\.json$/i.test(name)) return 'json';
  if (/\.csv$/i.test(name)) return 'csv';
  const first = content.trimStart()[0];
  return first === '[' || first === '{' ? 'json' : 'csv';
};

/** The header line of a CSV, quotes honoured (a quoted field may hold the delimiter or a newline). */
const csvHeader = (content: string): string[] => {
  const text = content.replace(/^\uFEFF/, '');
  const end = (() => {
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '"') quoted = !quoted;
      else if ((c === '\n' || c === '\r') && !quoted) return i;
    }
    return text.length;
  })();
  const line = text.slice(0, end);
  // The delimiter French spreadsheets write is `;`: take whichever occurs most outside quotes.
  const outside = line.replace(/"[^"]*"/g, '');
  const delimiter = [',', ';', '\t'].reduce((best, d) => (outside.split(d).length > outside.split(best).length ? d : best), ',');
  const fields: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      fields.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  fields.push(cur.trim());
  return fields.filter((f) => f !== '');
};

/** Keys of the first objects of a JSON array (or of an object's `items` array), in first-seen order. */
const jsonKeys = (content: string): string[] => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    // Only the start of a big file is read: an array cut after its last whole object, or JSON Lines.
    const cut = content.lastIndexOf('}');
    try {
      parsed = /^\s*\[/.test(content) && cut > 0 ? JSON.parse(`${content.slice(0, cut + 1)}]`) : undefined;
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined) {
      parsed = content
        .split(/\r?\n/)
        .slice(0, 50)
        .flatMap((l) => {
          try {
            return [JSON.parse(l) as unknown];
          } catch {
            return [];
          }
        });
    }
  }
  const list = Array.isArray(parsed)
    ? parsed
    : parsed && typeof parsed === 'object' && Array.isArray((parsed as { items?: unknown }).items)
      ? (parsed as { items: unknown[] }).items
      : [];
  const keys = new Set<string>();
  for (const item of list.slice(0, 50)) {
    if (item && typeof item === 'object' && !Array.isArray(item)) for (const k of Object.keys(item)) keys.add(k);
  }
  return [...keys];
};

export const importColumns = (format: ImportFormat, content: string): string[] => {
  const cols = format === 'json' ? jsonKeys(content) : csvHeader(content);
  return [...new Set(cols)];
};

export const mappedFields = ['text', 'author', 'date', 'url', 'id'] as const;
export type MappedField = (typeof mappedFields)[number];

/** A first mapping from the column names (the server's usual names); the user corrects it. */
export const guessMapping = (columns: readonly string[]): Partial<Record<MappedField, string>> => guessColumns(mappedFields, postColumnNames, columns);

/** The fields of a file of people the dialog maps (the server takes more: core/api/imports.ts). */
export const peopleMappedFields = ['name', 'mastodon', 'bluesky', 'email', 'web', 'handles', 'roles', 'tags', 'notes'] as const;
export type PeopleMappedField = (typeof peopleMappedFields)[number];

/** A first mapping of a file of people from its column names (the server's usual names); the server guesses the rest. */
export const guessPeopleMapping = (columns: readonly string[]): Partial<Record<PeopleMappedField, string>> =>
  guessColumns(peopleMappedFields, peopleColumnNames, columns);
