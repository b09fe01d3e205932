import sanitizeHtml from 'sanitize-html';
import { canonicalEncoding } from '../decode.ts';
import { parseFeedDate } from '../dates.ts';
import { FeedParseError, parseFeed, type ParsedFeed, type ParseFeedOptions } from '../parse.ts';
import type { Fetcher } from '../../http/safe-fetch.ts';
import { feedparserScope, nine, unmappedField, type HttpFields } from './feedparser-view.ts';
import { compilePy, LookupFailed, NotApplicable, PyTuple, splitConjuncts, Unsupported, type PyValue } from './py-expr.ts';
import type { SuiteCase } from './feedparser-suite.ts';

/** Runs feedparser's assertions against relais's parser; each top-level `and` conjunct is one assertion. */

export type Outcome =
  | { readonly kind: 'pass'; readonly byHtmlEquivalence?: true }
  | { readonly kind: 'fail'; readonly actual: string }
  | { readonly kind: 'n/a'; readonly category: string };

export interface AssertionResult {
  readonly expression: string;
  readonly outcome: Outcome;
}

export interface CaseResult {
  readonly path: string;
  readonly folder: string;
  /** How the parse ended: a result, a clear FeedParseError, or anything else (a crash). */
  readonly parse: 'parsed' | 'error' | 'crash';
  readonly parseMessage?: string;
  readonly skipped?: string;
  readonly assertions: readonly AssertionResult[];
}

/** Upstream serves each file at this address; `base/` expectations are written against it. */
export const suiteUrl = (path: string): string => `http://127.0.0.1:8097/tests/${path}`;

const skipReason = (skipUnless: string | undefined): string | undefined => {
  if (!skipUnless) return undefined;
  if (skipUnless.includes('chardet')) return 'needs statistical charset detection (chardet)';
  const codec = /lookup\('([^']+)'\)/.exec(skipUnless)?.[1];
  if (codec) return canonicalEncoding(codec) ? undefined : `codec ${codec} unavailable`;
  // relais restricts URL schemes too (http, https, mailto): that precondition holds.
  if (skipUnless.includes('ACCEPTABLE_URI_SCHEMES')) return undefined;
  if (skipUnless.includes('feedparser.')) return 'depends on a feedparser module setting';
  return undefined;
};

export const repr = (v: PyValue | undefined): string => {
  if (v === undefined) return '<missing>';
  if (v === null) return 'None';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(repr).join(', ')}]`;
  if (v instanceof PyTuple) return `(${v.items.map(repr).join(', ')})`;
  return `{${v.keys().map((k) => `${k}: ${repr(v.get(k))}`).join(', ')}}`;
};

/** The value of the left side of a failed comparison, for the report. */
const actualOf = (expression: string, scope: ReturnType<typeof feedparserScope>): string => {
  const m = /^(.*?)\s*(?:==|!=|\bin\b|\bnot in\b)\s/.exec(expression);
  const left = m?.[1];
  if (!left) return 'false';
  try {
    return repr(compilePy(left.replace(/^not\s+/, ''), scope)());
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
};

/**
 * feedparser's HTML values are one serialisation of the sanitised markup and relais's another:
 * `&#x2019;` or `’`, `>` or `&gt;` in text, an end tag written or implied. An assertion comparing
 * an HTML-valued field (title, summary, description, content value) to a string literal with
 * `==` also passes when both sides are the same HTML once read by one HTML parser and written
 * back by one serialiser (entities decoded, implied end tags written). Nothing else is relaxed:
 * a missing element, attribute or character still fails, and so does anything with a comment
 * or declaration in it, or whose canonical form is empty. The report counts these apart.
 */
const HTML_FIELD = /^(?:feed|entries\[\d+\])(?:\.|\[\s*['"])(title|summary|description|content)\b[^=]*?\s==\s(.+)$/s;

const canonicalHtml = (s: string): string =>
  sanitizeHtml(s, {
    allowedTags: false, allowedAttributes: false, allowVulnerableTags: true, nonBooleanAttributes: [], parser: { lowerCaseAttributeNames: false },
  } as sanitizeHtml.IOptions).trim();

/** The sorted attribute names of every tag: the serialiser drops some empty ones (`class=""`), the comparison must not. */
const attributeNames = (html: string): string =>
  [...html.matchAll(/<[a-zA-Z][^>]*>/g)].flatMap((t) => [...t[0].matchAll(/\s([^\s=/>]+)\s*=/g)].map((m) => m[1] ?? '')).sort().join(' ');

const htmlEquivalent = (expression: string, scope: ReturnType<typeof feedparserScope>): boolean => {
  const m = HTML_FIELD.exec(expression);
  if (!m) return false;
  const left = expression.slice(0, expression.length - (m[2] ?? '').length).replace(/\s==\s$/, '');
  try {
    const a = compilePy(left, scope)();
    const b = compilePy(m[2] ?? '', scope)();
    // Comments and declarations vanish in the canonical form: never equivalent through them.
    if (typeof a !== 'string' || typeof b !== 'string' || /<!/.test(a + b)) return false;
    const ca = canonicalHtml(a);
    return ca !== '' && ca === canonicalHtml(b) && attributeNames(a) === attributeNames(b);
  } catch {
    return false;
  }
};

const evaluate = (expression: string, scope: ReturnType<typeof feedparserScope>, parse: CaseResult['parse']): Outcome => {
  // `Expect: 1` asks only that reading the document does not crash (a typed error is not a crash).
  if (/^1$/.test(expression)) return parse !== 'crash' ? { kind: 'pass' } : { kind: 'fail', actual: 'crashed' };
  const unmapped = unmappedField(expression);
  if (unmapped) return { kind: 'n/a', category: unmapped };
  try {
    const ok = compilePy(expression, scope)();
    if (ok === true || (ok !== false && ok !== null && ok !== 0 && ok !== '')) return { kind: 'pass' };
    if (htmlEquivalent(expression, scope)) return { kind: 'pass', byHtmlEquivalence: true };
    return { kind: 'fail', actual: actualOf(expression, scope) };
  } catch (e) {
    if (e instanceof NotApplicable) return { kind: 'n/a', category: e.category };
    if (e instanceof LookupFailed) return { kind: 'fail', actual: e.message };
    if (e instanceof Unsupported) return { kind: 'n/a', category: `outside the evaluator's Python subset (${e.message})` };
    throw e;
  }
};

interface Parsed {
  readonly feed?: ParsedFeed;
  readonly parse: CaseResult['parse'];
  readonly parseMessage?: string;
  readonly http?: HttpFields;
}

const parseBytes = (bytes: Uint8Array, options: ParseFeedOptions, http?: HttpFields): Parsed => {
  try {
    return { feed: parseFeed(bytes, options), parse: 'parsed', ...(http ? { http } : {}) };
  } catch (e) {
    return {
      parse: e instanceof FeedParseError ? 'error' : 'crash',
      parseMessage: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
      ...(http ? { http } : {}),
    };
  }
};

const judge = (c: SuiteCase, p: Parsed): CaseResult => {
  const head = { path: c.path, folder: c.folder, parse: p.parse, ...(p.parseMessage ? { parseMessage: p.parseMessage } : {}) };
  // CDF (Microsoft's Channel Definition Format) is not a format relais reads.
  if (p.feed === undefined && /<CHANNEL\b/.test(new TextDecoder('latin1').decode(c.bytes))) {
    const category = 'CDF documents (Channel Definition Format, not supported)';
    return { ...head, assertions: splitConjuncts(c.expect).map((expression) => ({ expression, outcome: { kind: 'n/a', category } })) };
  }
  const scope = feedparserScope(p.feed, p.http);
  return { ...head, assertions: splitConjuncts(c.expect).map((expression) => ({ expression, outcome: evaluate(expression, scope, p.parse) })) };
};

/** Direct mode: the file's bytes and its `Header:` lines given to the parser as they would come over HTTP. */
export const runCase = (c: SuiteCase): CaseResult => {
  const skipped = skipReason(c.skipUnless);
  if (skipped) return { path: c.path, folder: c.folder, parse: 'parsed', skipped, assertions: [] };
  return judge(
    c,
    parseBytes(c.bytes, {
      url: suiteUrl(c.path),
      // Upstream's mock server answers text/xml unless the file says otherwise.
      contentType: c.headers['content-type'] ?? 'text/xml',
      ...(c.headers['content-location'] ? { contentLocation: c.headers['content-location'] } : {}),
      ...(c.headers['content-language'] ? { contentLanguage: c.headers['content-language'] } : {}),
    }),
  );
};

/**
 * HTTP mode, as upstream runs its suite: the file is served with its `Header:` lines by a local
 * server and fetched through relais's safe client; the parser gets what the client returns, and
 * the HTTP names (`etag`, `modified`, `headers`) come from the response.
 */
export const runCaseOverHttp = async (c: SuiteCase, fetcher: Fetcher, base: string): Promise<CaseResult> => {
  const skipped = skipReason(c.skipUnless);
  if (skipped) return { path: c.path, folder: c.folder, parse: 'parsed', skipped, assertions: [] };
  let r;
  try {
    r = await fetcher({ url: `${base}/tests/${c.path}` });
  } catch (e) {
    return { path: c.path, folder: c.folder, parse: 'crash', parseMessage: `fetch failed: ${(e as Error).message}`, assertions: [] };
  }
  if (r.kind !== 'ok') return { path: c.path, folder: c.folder, parse: 'crash', parseMessage: 'unexpected 304', assertions: [] };
  const h = r.headers;
  const modified = r.lastModified?.trim() || undefined;
  const http: HttpFields = {
    headers: h,
    ...(r.etag ? { etag: r.etag } : {}),
    ...(modified ? { modified, modifiedParsed: nine(parseFeedDate(modified)) } : {}),
  };
  return judge(
    c,
    parseBytes(
      r.body,
      {
        url: r.url,
        ...(h['content-type'] ? { contentType: h['content-type'] } : {}),
        ...(h['content-location'] ? { contentLocation: h['content-location'] } : {}),
        ...(h['content-language'] ? { contentLanguage: h['content-language'] } : {}),
      },
      http,
    ),
  );
};
