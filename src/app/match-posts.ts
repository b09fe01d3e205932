/**
 * Use case behind `relais match --queries FILE` (DESIGN §6): compile a list of
 * queries into one matcher, then match JSON lines of posts against it, one
 * output per input line, in order. The language of a post is detected when the
 * line does not give it, so `lang:` works on any input.
 */
import { AppError } from '../core/errors.ts';
import { createMatcher, type Matcher } from '../analysis/query/matcher.ts';
import { parseQuery } from '../analysis/query/parse.ts';
import { formatQueryError, type Locale } from '../analysis/query/messages.ts';
import type { MatchablePost } from '../analysis/query/ast.ts';
import { optionalString, readTextLine } from './json-lines.ts';

type DetectLanguage = (text: string) => string;

export type QueryId = string | number;

export interface CompiledQueries {
  readonly matcher: Matcher;
  /** Matcher key (the id as a string) → the id as the file wrote it. */
  readonly ids: ReadonlyMap<string, QueryId>;
  /** Whether some ids are numbers: they then sort as numbers, before the strings. */
  readonly numericIds: boolean;
}

export interface MatchedRecord {
  readonly id: QueryId;
  readonly matches: QueryId[];
}

export type MatchOutcome =
  | { readonly ok: true; readonly line: number; readonly record: MatchedRecord }
  | { readonly ok: false; readonly line: number; readonly message: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is QueryId => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

/**
 * Compiles the query file (`[{"id", "query"}]`). Every invalid query is reported,
 * each with its id and position, in one `invalid-query` error.
 */
export const compileQueries = (json: string, locale: Locale = 'en'): CompiledQueries => {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    throw new AppError('bad-request', `the query file is not valid JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(value)) throw new AppError('bad-request', 'the query file must be a JSON array of {"id", "query"}');
  const matcher = createMatcher();
  const ids = new Map<string, QueryId>();
  const problems: string[] = [];
  let numericIds = false;
  value.forEach((entry: unknown, i) => {
    const where = `entry ${i + 1}`;
    if (!isObject(entry) || !isId(entry.id) || typeof entry.query !== 'string') {
      problems.push(`${where}: expected {"id": a string or a number, "query": a string}`);
      return;
    }
    const key = String(entry.id);
    if (ids.has(key)) {
      problems.push(`${where}: query id ${JSON.stringify(entry.id)} is used twice`);
      return;
    }
    const r = parseQuery(entry.query);
    if (!r.ok) {
      problems.push(`query ${JSON.stringify(entry.id)} (${where}): ${formatQueryError(r.error, locale)}`);
      return;
    }
    ids.set(key, entry.id);
    if (typeof entry.id === 'number') numericIds = true;
    matcher.add(key, r.ast);
  });
  if (problems.length > 0) {
    const shapeOnly = problems.every((p) => p.startsWith('entry '));
    throw new AppError(shapeOnly ? 'bad-request' : 'invalid-query', problems.join('\n'));
  }
  return { matcher, ids, numericIds };
};

const byIdOrder = (a: QueryId, b: QueryId): number => {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
};

const optionalFields = ['lang', 'source', 'author', 'url'] as const;

export interface PostLine {
  readonly id: QueryId;
  readonly post: MatchablePost & { readonly lang: string | null };
}

/** Reads one input line (1-based `line` for messages); blank lines give nothing. */
export const readPostLine = (
  raw: string,
  line: number,
): { readonly ok: true; readonly value: PostLine } | { readonly ok: false; readonly line: number; readonly message: string } | undefined => {
  const read = readTextLine(raw, line);
  if (!read || !read.ok) return read;
  const { id, text, fields } = read.value;
  const opt: Partial<Record<(typeof optionalFields)[number], string | null>> = {};
  for (const f of optionalFields) {
    const v = optionalString(fields, f);
    if (v.error) return { ok: false, line, message: v.error };
    opt[f] = v.value ? v.value : null;
  }
  return { ok: true, value: { id, post: { text, lang: opt.lang ?? null, source: opt.source ?? null, author: opt.author ?? null, url: opt.url ?? null } } };
};

/** The queries `p` matches; `detect` gives the language when the line did not. */
export const matchPost = (q: CompiledQueries, p: PostLine, detect: DetectLanguage): MatchedRecord => {
  const post = p.post.lang === null ? { ...p.post, lang: detect(p.post.text) } : p.post;
  const matches = q.matcher.match(post).map((k) => q.ids.get(k) ?? k);
  if (q.numericIds) matches.sort(byIdOrder);
  return { id: p.id, matches };
};

/**
 * Matches a stream of lines, yielding one outcome per non-blank line, in order.
 * The language detector (large) is loaded only when a line comes without "lang".
 */
export async function* matchLines(q: CompiledQueries, lines: AsyncIterable<string>): AsyncGenerator<MatchOutcome> {
  let n = 0;
  let detect: DetectLanguage | null = null;
  for await (const raw of lines) {
    n++;
    const r = readPostLine(raw, n);
    if (!r) continue;
    if (!r.ok) {
      yield r;
      continue;
    }
    if (r.value.post.lang === null && detect === null) detect = (await import('../analysis/lang/detect.ts')).detectLanguage;
    yield { ok: true, line: n, record: matchPost(q, r.value, detect ?? (() => 'und')) };
  }
}
