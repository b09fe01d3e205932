import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Transform } from 'node:stream';
import type { Clock } from '../../core/clock.ts';
import { isPublicAddress } from './address-guard.ts';
import type { Politeness } from './politeness.ts';

/**
 * The one outbound HTTP client every connector uses (ADR 0051): node's http/https with a
 * custom `lookup`, so the address that was checked is the address connected to.
 *
 * Contract:
 *   - SSRF guard after DNS resolution: every address a name resolves to must be public
 *     (address-guard.ts) unless `allowPrivateNetworks`; re-checked on every redirect (at most 5);
 *   - one deadline for the whole exchange, redirects included (20 s by default);
 *   - body capped (15 MiB by default) before and after decompression (gzip, deflate, br);
 *   - conditional GET: ETag → If-None-Match, Last-Modified → If-Modified-Since; 304 → not-modified;
 *   - every failure is a FetchError that says what to do next: retry (with Retry-After when the
 *     server gave one), give up, or disable the source (410 Gone).
 */

export const USER_AGENT = 'relais/0.1 (community listening; feed fetcher)';
export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_BYTES = 15 * 1024 * 1024;
export const MAX_REDIRECTS = 5;
/** How much of a 4xx answer's body is kept on the FetchError (APIs put their error code there). */
const ERROR_BODY_BYTES = 4096;

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export interface SafeFetchOptions {
  /** Operators and local use only: skip the SSRF guard. */
  readonly allowPrivateNetworks?: boolean;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  readonly userAgent?: string;
  /** DNS; injected in tests. */
  readonly resolver?: Resolver;
  /** Which resolved addresses may be reached when private networks are not allowed. */
  readonly isAllowedAddress?: (ip: string) => boolean;
  /** Per-host minimum delay between requests. */
  readonly politeness?: Politeness;
  /** Used to read Retry-After dates. */
  readonly clock?: Clock;
}

export interface FetchRequest {
  readonly url: string;
  readonly etag?: string;
  readonly lastModified?: string;
  readonly accept?: string;
  readonly signal?: AbortSignal;
  /** GET by default; POST for APIs that need it (XRPC procedures: Bluesky's createSession). */
  readonly method?: 'GET' | 'POST';
  /** Extra headers (Authorization, Content-Type); dropped on a redirect to another origin. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  /**
   * An `Authorization` header (a connected account's token), like one in `headers`: sent only to
   * the origin of `url`, so a token never leaks to a third party through a redirect.
   */
  readonly authorization?: string;
}

export type FetchResult =
  | {
      readonly kind: 'ok';
      readonly status: number;
      /** The final URL, after redirects. */
      readonly url: string;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: Uint8Array;
      readonly etag?: string;
      readonly lastModified?: string;
    }
  | { readonly kind: 'not-modified'; readonly url: string; readonly etag?: string; readonly lastModified?: string };

/** What the caller should do about a failure. */
export type FetchAction = 'retry' | 'reconnect' | 'give-up' | 'disable';

export type FetchErrorCode =
  | 'bad-url'
  | 'blocked-address'
  | 'dns'
  | 'network'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'http-status'
  | 'aborted';

export class FetchError extends Error {
  readonly code: FetchErrorCode;
  readonly action: FetchAction;
  readonly status?: number;
  /** Seconds to wait before retrying, from Retry-After. */
  readonly retryAfterSeconds?: number;
  /** The start of an error answer's body (APIs put their error code there), at most 4 KiB. */
  readonly body?: string;
  constructor(code: FetchErrorCode, action: FetchAction, message: string, extra: { status?: number; retryAfterSeconds?: number; body?: string } = {}) {
    super(message);
    this.name = 'FetchError';
    this.code = code;
    this.action = action;
    if (extra.status !== undefined) this.status = extra.status;
    if (extra.retryAfterSeconds !== undefined) this.retryAfterSeconds = extra.retryAfterSeconds;
    if (extra.body !== undefined) this.body = extra.body;
  }
}

export type Fetcher = (request: FetchRequest) => Promise<FetchResult>;

const systemResolver: Resolver = async (hostname) => {
  const all = await dnsLookup(hostname, { all: true, verbatim: true });
  return all.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/** Retry-After: delta-seconds or an HTTP date. */
export const parseRetryAfter = (value: string | undefined, now: Date): number | undefined => {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const t = Date.parse(v);
  if (Number.isNaN(t)) return undefined;
  return Math.max(0, Math.ceil((t - now.getTime()) / 1000));
};

const statusError = (status: number, headers: IncomingMessage['headers'], now: Date, url: string, body?: string): FetchError => {
  const retryAfter = parseRetryAfter(headers['retry-after'] as string | undefined, now);
  const extra = { status, ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}), ...(body ? { body } : {}) };
  if (status === 429 || status === 503) return new FetchError('http-status', 'retry', `HTTP ${status} from ${url}`, extra);
  if (status === 410) return new FetchError('http-status', 'disable', `HTTP 410 Gone: ${url} was removed`, extra);
  if (status >= 500) return new FetchError('http-status', 'retry', `HTTP ${status} from ${url}`, extra);
  return new FetchError('http-status', 'give-up', `HTTP ${status} from ${url}`, extra);
};

const hostOf = (u: URL): string => u.hostname.replace(/^\[|\]$/g, '');

const decoderFor = (encoding: string | undefined): Transform | undefined => {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return undefined;
  }
};

/** Reads a response body, counting bytes on the wire and after decompression. */
const readBody = (res: IncomingMessage, maxBytes: number, url: string): Promise<Uint8Array> =>
  new Promise((resolve, reject) => {
    const tooLarge = () => new FetchError('too-large', 'give-up', `response from ${url} is larger than ${maxBytes} bytes`);
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      res.destroy();
      reject(tooLarge());
      return;
    }
    const decoder = decoderFor(res.headers['content-encoding'] as string | undefined);
    const chunks: Buffer[] = [];
    let wire = 0;
    let total = 0;
    let done = false;
    const fail = (e: Error) => {
      if (done) return;
      done = true;
      res.destroy();
      decoder?.destroy();
      reject(e);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) return fail(tooLarge());
      chunks.push(chunk);
    };
    res.on('data', (chunk: Buffer) => {
      wire += chunk.length;
      if (wire > maxBytes) fail(tooLarge());
    });
    res.on('error', (e) => fail(e));
    const source = decoder ? res.pipe(decoder) : res;
    if (decoder) decoder.on('error', (e) => fail(new FetchError('network', 'retry', `bad ${String(res.headers['content-encoding'])} body from ${url}: ${e.message}`)));
    source.on('data', onData);
    source.on('end', () => {
      if (done) return;
      done = true;
      resolve(new Uint8Array(Buffer.concat(chunks)));
    });
  });

export const createSafeFetch = (options: SafeFetchOptions = {}): Fetcher => {
  const resolver = options.resolver ?? systemResolver;
  const allowed = options.allowPrivateNetworks ? () => true : (options.isAllowedAddress ?? isPublicAddress);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const now = () => options.clock?.now() ?? new Date();

  /** Resolves and checks a host; returns the address to connect to. */
  const checkedAddress = async (u: URL): Promise<ResolvedAddress> => {
    const host = hostOf(u);
    const literal = isIP(host);
    let addresses: readonly ResolvedAddress[];
    if (literal) addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
    else {
      try {
        addresses = await resolver(host);
      } catch (e) {
        throw new FetchError('dns', 'retry', `cannot resolve ${host}: ${(e as Error).message}`);
      }
    }
    if (addresses.length === 0) throw new FetchError('dns', 'retry', `cannot resolve ${host}`);
    // Every address must pass: a name that resolves to one public and one private address is refused.
    const blocked = addresses.find((a) => !allowed(a.address));
    if (blocked) throw new FetchError('blocked-address', 'give-up', `refused to connect to ${host} (${blocked.address}): private or reserved address`);
    return addresses[0] as ResolvedAddress;
  };

  const once = (u: URL, target: ResolvedAddress, req: FetchRequest, signal: AbortSignal, extra: Readonly<Record<string, string>>): Promise<IncomingMessage> =>
    new Promise((resolve, reject) => {
      // The connection goes to the address checked above, never to a second resolution.
      const pinned: LookupFunction = (_host, opts, cb) => {
        if ((opts as { all?: boolean }).all) (cb as (e: null, a: ResolvedAddress[]) => void)(null, [target]);
        else cb(null, target.address, target.family);
      };
      const headers: Record<string, string> = {
        'user-agent': options.userAgent ?? USER_AGENT,
        accept: req.accept ?? 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
        'accept-encoding': 'gzip, deflate, br',
      };
      if (req.etag) headers['if-none-match'] = req.etag;
      if (req.lastModified) headers['if-modified-since'] = req.lastModified;
      for (const [k, v] of Object.entries(extra)) headers[k.toLowerCase()] = v;
      const body = req.method === 'POST' && req.body !== undefined ? req.body : undefined;
      if (body !== undefined) headers['content-length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
      const client = u.protocol === 'https:' ? https : http;
      const r = client.request(u, { method: req.method ?? 'GET', headers, lookup: pinned, signal, agent: false }, resolve);
      r.on('error', reject);
      r.end(body);
    });

  return async (req) => {
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      throw new FetchError('bad-url', 'give-up', `not a URL: ${req.url}`);
    }
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, deadline]) : deadline;
    const wrap = (e: unknown): FetchError => {
      if (e instanceof FetchError) return e;
      if (deadline.aborted) return new FetchError('timeout', 'retry', `no complete answer from ${url.href} within ${timeoutMs} ms`);
      if (req.signal?.aborted) return new FetchError('aborted', 'retry', `request to ${url.href} was cancelled`);
      return new FetchError('network', 'retry', `cannot fetch ${url.href}: ${(e as Error).message}`);
    };
    const origin = url.origin;
    let current = req;
    try {
      for (let hop = 0; ; hop++) {
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchError('bad-url', 'give-up', `unsupported scheme in ${url.href}`);
        const target = await checkedAddress(url);
        await options.politeness?.wait(url.host, signal);
        // Credentials go only to the origin they were meant for.
        const credentials = { ...(current.headers ?? {}), ...(current.authorization ? { authorization: current.authorization } : {}) };
        const res = await once(url, target, current, signal, url.origin === origin ? credentials : {});
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        if ([301, 302, 303, 307, 308].includes(status) && location) {
          res.resume();
          // A POST is never replayed elsewhere (a webhook receiver must give its final URL); only
          // 303 See Other is followed, as the GET it asks for, without the body.
          if (current.method === 'POST' && status !== 303) {
            throw new FetchError('http-status', 'give-up', `HTTP ${status} redirect from ${url.href} (not followed for POST)`, { status });
          }
          if (hop >= MAX_REDIRECTS) throw new FetchError('too-many-redirects', 'give-up', `more than ${MAX_REDIRECTS} redirects from ${req.url}`);
          url = new URL(location, url);
          if (current.method === 'POST') {
            const { body: _body, ...rest } = current;
            current = { ...rest, method: 'GET' };
          }
          continue;
        }
        const etag = res.headers.etag;
        const lastModified = res.headers['last-modified'];
        const validators = { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
        if (status === 304) {
          res.resume();
          return { kind: 'not-modified', url: url.href, ...validators };
        }
        if (status < 200 || status >= 300) {
          const detail = status >= 400 && status < 500 ? await readBody(res, ERROR_BODY_BYTES, url.href).then((b) => new TextDecoder().decode(b), () => undefined) : undefined;
          if (detail === undefined) res.resume();
          throw statusError(status, res.headers, now(), url.href, detail);
        }
        const body = await readBody(res, maxBytes, url.href);
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
        return { kind: 'ok', status, url: url.href, headers, body, ...validators };
      }
    } catch (e) {
      throw wrap(e);
    }
  };
};
