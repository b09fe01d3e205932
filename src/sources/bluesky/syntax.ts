/**
 * AT Protocol identifier syntax (atproto.com/specs): what a Bluesky record or event may carry.
 * Golden-tested on the official interop fixtures (syntax.test.ts). Pure and allocation-light:
 * the firehose runs every post through these.
 */

const HANDLE = /^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;
export const isHandle = (s: string): boolean => s.length <= 253 && HANDLE.test(s);

/** What the AppView names an author whose handle failed its bidirectional check. */
const INVALID_HANDLE = 'handle.invalid';

/**
 * A handle a view or a file gives beside a DID, as a hint (ADR 0280): lower-cased, without `@`,
 * or undefined when it is no handle (bad syntax, or the AppView's `handle.invalid`).
 */
export const handleHintOf = (raw: string | undefined): string | undefined => {
  const h = raw?.trim().replace(/^@/, '').toLowerCase();
  return h && h !== INVALID_HANDLE && isHandle(h) ? h : undefined;
};

const DID = /^did:[a-z]+:[a-zA-Z0-9._:%-]*[a-zA-Z0-9._-]$/;
export const isDid = (s: string): boolean => s.length <= 2048 && DID.test(s);

const RKEY = /^[a-zA-Z0-9_~.:-]{1,512}$/;
export const isRecordKey = (s: string): boolean => s !== '.' && s !== '..' && RKEY.test(s);

const TID = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;
export const isTid = (s: string): boolean => TID.test(s);

const DATETIME = /^[0-9]{4}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-6][0-9]:[0-6][0-9](\.[0-9]{1,20})?(Z|[+-][0-2][0-9]:[0-5][0-9])$/;
/** A datetime in the strict profile the specs require (RFC 3339 with a time zone, no `-00:00`). */
export const isDatetime = (s: string): boolean => DATETIME.test(s) && !s.endsWith('-00:00');

const YEAR_ZERO = Date.parse('0000-01-01T00:00:00Z');

/** The instant of a datetime in the strict profile, or undefined (bad syntax, or no such date). */
export const parseDatetime = (s: string): Date | undefined => {
  if (!isDatetime(s)) return undefined;
  const t = Date.parse(s);
  // An offset can push year 0 before the epoch of the calendar (a negative year): not a valid instant.
  if (Number.isNaN(t) || t < YEAR_ZERO) return undefined;
  // Date.parse rolls 1985-02-31 over into March: a date it had to adjust was not a real one.
  const [y, m, d] = [Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10))];
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return undefined;
  return new Date(t);
};

const LANGUAGE = /^(?:[a-z]{2,3}|i|x|X)(?:-[A-Za-z0-9]{1,8})*$/;
/** A BCP 47 language tag in the shape the specs accept. */
export const isLanguage = (s: string): boolean => LANGUAGE.test(s);

export interface AtUri {
  readonly authority: string;
  readonly collection: string;
  readonly rkey: string;
}

/** `at://AUTHORITY/COLLECTION/RKEY` (the form of a record's URI), or undefined. */
export const parseRecordUri = (uri: string): AtUri | undefined => {
  if (!uri.startsWith('at://')) return undefined;
  const parts = uri.slice(5).split('/');
  if (parts.length !== 3) return undefined;
  const [authority, collection, rkey] = parts as [string, string, string];
  if (!(isDid(authority) || isHandle(authority)) || !/^[a-zA-Z][a-zA-Z0-9-]*(\.[a-zA-Z0-9-]+)+$/.test(collection) || !isRecordKey(rkey)) return undefined;
  return { authority, collection, rkey };
};

export const POST_COLLECTION = 'app.bsky.feed.post';

export const postUri = (did: string, rkey: string): string => `at://${did}/${POST_COLLECTION}/${rkey}`;

/** The post's page on the Bluesky web app (bsky.app accepts a handle or a DID). */
export const postWebUrl = (handleOrDid: string, rkey: string): string => `https://bsky.app/profile/${handleOrDid}/post/${rkey}`;

export const profileWebUrl = (handleOrDid: string): string => `https://bsky.app/profile/${handleOrDid}`;
