/**
 * The JSON-lines input shared by `relais analyze` and `relais match` (DESIGN §6):
 * one object per line with an "id" (string or number) and a "text". Messages
 * name what is wrong in words; the caller adds the line number.
 */
export type LineId = string | number;

export interface TextLine {
  readonly id: LineId;
  readonly text: string;
  /** The whole object, for the optional fields each command reads. */
  readonly fields: Readonly<Record<string, unknown>>;
}

export type LineResult<T> =
  | { readonly ok: true; readonly line: number; readonly value: T }
  | { readonly ok: false; readonly line: number; readonly message: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads one line (1-based `line`); a blank line gives undefined. */
export const readTextLine = (raw: string, line: number): LineResult<TextLine> | undefined => {
  if (raw.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, line, message: 'not valid JSON' };
  }
  if (!isObject(value)) return { ok: false, line, message: 'expected a JSON object {"id", "text"}' };
  const { id, text } = value;
  if (typeof id !== 'string' && !(typeof id === 'number' && Number.isFinite(id))) return { ok: false, line, message: 'missing "id" (a string or a number)' };
  if (typeof text !== 'string') return { ok: false, line, message: 'missing "text" (a string)' };
  return { ok: true, line, value: { id, text, fields: value } };
};

/** An optional string field: absent or null gives undefined, another type is an error message. */
export const optionalString = (fields: Readonly<Record<string, unknown>>, name: string): { value?: string; error?: string } => {
  const v = fields[name];
  if (v === undefined || v === null) return {};
  if (typeof v !== 'string') return { error: `"${name}", when given, must be a string` };
  return { value: v };
};
