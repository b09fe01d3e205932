/**
 * zod issues as problems of the server message catalogue (ADR 0220): one sentence per issue
 * that names the field, in French or English, never zod's own English text. The custom
 * messages written in the schemas of core/api are mapped to their keys here.
 */
import type { Params, Problem, ServerMessageKey } from '../messages.ts';

/** The part of a zod (v4) issue read here; every field but `code`, `path` and `message` is optional. */
export interface IssueLike {
  readonly code: string;
  readonly path: ReadonlyArray<PropertyKey>;
  readonly message: string;
  readonly expected?: unknown;
  readonly origin?: unknown;
  readonly minimum?: unknown;
  readonly maximum?: unknown;
  readonly format?: unknown;
  readonly values?: ReadonlyArray<unknown>;
  readonly keys?: ReadonlyArray<string>;
  readonly input?: unknown;
}

/** The custom messages of the schemas in core/api, by their English text. */
const customKeys: Readonly<Record<string, ServerMessageKey>> = {
  'must be an http(s) URL': 'validation.url',
  'must not be empty': 'validation.empty',
  'must be an e-mail address': 'validation.email',
  'must be an ISO 8601 date': 'validation.date',
  'must be an ISO 8601 date such as 2026-12-01': 'validation.date',
  'must be a language code such as fr': 'validation.language-code',
  'a hashtag is letters, digits and underscores': 'validation.hashtag',
  'an account is user or user@server': 'validation.mastodon-account',
  'a subreddit name is 2 to 21 letters, digits or underscores': 'validation.subreddit',
  'give either url (a Reddit feed) or config (a subreddit or a search), not both': 'validation.reddit-url-or-config',
  'must not list a network twice': 'validation.networks-twice',
};

const expectedWords: Readonly<Record<string, { fr: string; en: string }>> = {
  string: { fr: 'du texte', en: 'text' },
  number: { fr: 'un nombre', en: 'a number' },
  int: { fr: 'un nombre entier', en: 'a whole number' },
  boolean: { fr: 'vrai ou faux', en: 'true or false' },
  array: { fr: 'une liste', en: 'a list' },
  object: { fr: 'un objet', en: 'an object' },
  date: { fr: 'une date', en: 'a date' },
};

const fieldOf = (path: ReadonlyArray<PropertyKey>, prefix: readonly string[]): Params[string] => {
  const parts = [...prefix, ...path.map(String)];
  return parts.length > 0 ? parts.join('.') : { fr: 'contenu de la requête', en: 'request body' };
};

const quote = (v: unknown, locale: 'fr' | 'en'): string => (typeof v !== 'string' ? String(v) : locale === 'fr' ? `« ${v} »` : `"${v}"`);
const quoteList = (values: ReadonlyArray<unknown>, locale: 'fr' | 'en', or?: string): string => {
  const q = values.map((v) => quote(v, locale));
  if (!or || q.length <= 1) return q.join(', ');
  return `${q.slice(0, -1).join(', ')} ${or} ${q.at(-1)}`;
};

const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : Number(v));

/** One issue as a problem. `prefix` names the object the issue's path starts in (e.g. `config`). */
export const issueProblem = (issue: IssueLike, prefix: readonly string[] = []): Problem => {
  const field = fieldOf(issue.path, prefix);
  // Refinements and patterns say what they want in their own message; sizes and types are said from the issue.
  const custom = issue.code === 'custom' || issue.code === 'invalid_format' ? customKeys[issue.message] : undefined;
  if (custom) return { key: custom, params: { field } };
  switch (issue.code) {
    case 'invalid_type': {
      // zod says "received undefined" when the field is missing altogether.
      if (issue.input === undefined && /received undefined$/.test(issue.message)) return { key: 'validation.required', params: { field } };
      const expected = expectedWords[String(issue.expected)];
      return expected ? { key: 'validation.type', params: { field, expected } } : { key: 'validation.invalid', params: { field } };
    }
    case 'too_small': {
      const min = num(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? { key: 'validation.empty', params: { field } } : { key: 'validation.text-min', params: { field, min } };
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'validation.list-min', params: { field, min } };
      return { key: 'validation.number-min', params: { field, min } };
    }
    case 'too_big': {
      const max = num(issue.maximum);
      if (issue.origin === 'string') return { key: 'validation.text-max', params: { field, max } };
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'validation.list-max', params: { field, max } };
      return { key: 'validation.number-max', params: { field, max } };
    }
    case 'not_multiple_of':
      return { key: 'validation.integer', params: { field } };
    case 'invalid_format':
      if (issue.format === 'email') return { key: 'validation.email', params: { field } };
      if (issue.format === 'url') return { key: 'validation.url', params: { field } };
      if (issue.format === 'uuid' || issue.format === 'guid') return { key: 'validation.uuid', params: { field } };
      if (issue.format === 'datetime' || issue.format === 'date') return { key: 'validation.date', params: { field } };
      return { key: 'validation.format', params: { field } };
    case 'invalid_value':
      if (issue.values && issue.values.length > 0) {
        return { key: 'validation.choice', params: { field, choices: { fr: quoteList(issue.values, 'fr', 'ou'), en: quoteList(issue.values, 'en', 'or') } } };
      }
      return { key: 'validation.invalid', params: { field } };
    case 'unrecognized_keys':
      return { key: 'validation.unknown-fields', params: { field, fields: { fr: quoteList(issue.keys ?? [], 'fr'), en: quoteList(issue.keys ?? [], 'en') } } };
    default:
      return { key: 'validation.invalid', params: { field } };
  }
};

/** Every issue as a problem; the same sentence twice is said once. */
export const issueProblems = (issues: ReadonlyArray<IssueLike>, prefix: readonly string[] = []): Problem[] => {
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const i of issues) {
    const p = issueProblem(i, prefix);
    const id = JSON.stringify(p);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(p);
  }
  return out;
};
