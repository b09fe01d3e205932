/**
 * Use cases of the query editor: validate a query as the user types, preview what it
 * would match on the workspace's stored mentions, and create, change or delete queries.
 * Every change tells the ingest's global matcher (it also sees changes made by other processes),
 * so the next batch matches with the new queries.
 */
import { createMatcher } from '../analysis/query/matcher.ts';
import { parseQuery } from '../analysis/query/parse.ts';
import { formatQueryError, queryErrorMessage, type Locale } from '../analysis/query/messages.ts';
import type { QueryError } from '../analysis/query/errors.ts';
import { fail, type AppError } from '../core/errors.ts';
import { isUuid } from '../core/ids.ts';
import type { ListeningQuery, QueryKind } from '../core/listening-query.ts';
import { authorToMatch, type Mention } from '../core/mention.ts';
import type { Db } from '../storage/db.ts';
import { listMentions } from '../storage/mentions.repo.ts';
import { deleteQuery, insertQuery, updateQuery } from '../storage/queries.repo.ts';
import type { Clock } from '../core/clock.ts';
import { queriesChanged } from './ingest/global-matcher.ts';

export interface QueryProblem {
  readonly code: string;
  readonly message: string;
  readonly offset: number;
  readonly column: number;
  readonly length?: number;
}

export type QueryCheck = { readonly valid: true } | { readonly valid: false; readonly error: QueryProblem };

/** The preview scans at most this many of the workspace's most recent mentions. */
export const previewWindow = 5000;
export const defaultPreviewLimit = 20;

/** How much of the text the error points at: the bracket, or the word or operator at the offset. */
const spanLength = (text: string, offset: number): number | undefined => {
  if (offset >= text.length) return undefined;
  const c = text[offset];
  if (c === '(' || c === ')') return 1;
  if (c === '"') {
    const close = text.indexOf('"', offset + 1);
    return (close < 0 ? text.length : close + 1) - offset;
  }
  const rest = text.slice(offset).match(/^[^\s()"]+/);
  return rest ? rest[0].length : undefined;
};

const problemOf = (text: string, e: QueryError, locale: Locale): QueryProblem => {
  const length = spanLength(text, e.offset);
  return { code: e.code, message: queryErrorMessage(e, locale), offset: e.offset, column: e.column, ...(length ? { length } : {}) };
};

export const validateQueryText = (text: string, locale: Locale = 'en'): QueryCheck => {
  const parsed = parseQuery(text);
  return parsed.ok ? { valid: true } : { valid: false, error: problemOf(text, parsed.error, locale) };
};

const parseOrRefuse = (text: string, locale: Locale) => {
  const parsed = parseQuery(text);
  if (!parsed.ok) throw fail('query.invalid', { detail: { fr: formatQueryError(parsed.error, 'fr'), en: formatQueryError(parsed.error, 'en') } }, { details: { locale } });
  return parsed.ast;
};

export interface QueryPreviewResult {
  readonly items: Mention[];
  readonly matched: number;
  readonly scanned: number;
  readonly window: number;
}

/** Matches of a query among the workspace's `previewWindow` most recent mentions, newest first. */
export const previewQuery = async (
  db: Db,
  workspaceId: string,
  text: string,
  o: { limit?: number | undefined; locale?: Locale | undefined } = {},
): Promise<QueryPreviewResult> => {
  const matcher = createMatcher();
  matcher.add('q', parseOrRefuse(text, o.locale ?? 'en'));
  const limit = o.limit ?? defaultPreviewLimit;
  const recent = await listMentions(db, workspaceId, {}, { limit: previewWindow });
  const items: Mention[] = [];
  let matched = 0;
  for (const m of recent.items) {
    // The same post fields as the ingest gives the matcher (store-drafts.ts).
    const hit = matcher.match({
      text: m.title ? `${m.title}\n${m.text}` : m.text,
      lang: m.lang,
      source: m.network,
      // Stored mentions as their authors are known now: a firehose DID by its verified handle too (ADR 0240).
      ...authorToMatch(m.author.did ?? m.author.handle, m.author.handle),
      url: m.url ?? null,
    });
    if (hit.length === 0) continue;
    matched++;
    if (items.length < limit) items.push(m);
  }
  return { items, matched, scanned: recent.items.length, window: previewWindow };
};

export const createListeningQuery = async (
  db: Db,
  workspaceId: string,
  body: { name: string; kind: QueryKind; query: string; locale?: Locale | undefined },
  clock: Clock,
): Promise<ListeningQuery> => {
  parseOrRefuse(body.query, body.locale ?? 'en');
  const created = await insertQuery(db, workspaceId, { name: body.name, kind: body.kind, text: body.query, now: clock.now() });
  queriesChanged(db, workspaceId);
  return created;
};

const notFound = (): AppError => fail('query.not-found');

export const changeListeningQuery = async (
  db: Db,
  workspaceId: string,
  id: string,
  body: { name?: string | undefined; kind?: QueryKind | undefined; query?: string | undefined; locale?: Locale | undefined },
): Promise<ListeningQuery> => {
  if (!isUuid(id)) throw notFound();
  if (body.query !== undefined) parseOrRefuse(body.query, body.locale ?? 'en');
  const updated = await updateQuery(db, workspaceId, id, { name: body.name, kind: body.kind, text: body.query });
  if (!updated) throw notFound();
  queriesChanged(db, workspaceId);
  return updated;
};

export const removeListeningQuery = async (db: Db, workspaceId: string, id: string): Promise<void> => {
  if (!isUuid(id) || !(await deleteQuery(db, workspaceId, id))) throw notFound();
  queriesChanged(db, workspaceId);
};
