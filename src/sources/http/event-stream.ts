import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPublicAddress } from './address-guard.ts';
import { FetchError, USER_AGENT, parseRetryAfter, type ResolvedAddress, type Resolver } from './safe-fetch.ts';

/**
 * A Server-Sent Events client (text/event-stream) with the same guard as safe-fetch (ADR 0123):
 * the host is resolved once, every address must be public unless private networks are allowed,
 * and the connection goes to the checked address (pinned lookup). No redirects are followed
 * (a stream endpoint that redirects is treated as unavailable). The Authorization header goes
 * only to the URL given. A stream silent for `idleMs` (no event, no heartbeat comment) is closed,
 * so a dead connection is noticed and the caller reconnects.
 */

export interface StreamEvent {
  readonly event: string;
  readonly data: string;
}

export interface EventStreamOptions {
  readonly url: string;
  readonly authorization?: string;
  readonly signal: AbortSignal;
  readonly allowPrivateNetworks?: boolean;
  readonly resolver?: Resolver;
  /** Close when nothing arrives for this long (Mastodon sends a heartbeat every ~15 s). */
  readonly idleMs?: number;
  readonly connectTimeoutMs?: number;
}

const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

/** Splits an SSE byte stream into events (the `event`/`data` fields; comments and ids ignored). */
export const createSseParser = (emit: (e: StreamEvent) => void): ((chunk: string) => void) => {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  return (chunk) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.search(/\r\n|\n|\r/)) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + (buffer.startsWith('\r\n', nl) ? 2 : 1));
      if (line === '') {
        if (data.length > 0) emit({ event: event || 'message', data: data.join('\n') });
        event = '';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
  };
};

/**
 * Opens the stream and resolves once the server answered 200 with an event stream; `events`
 * then yields until the server closes, the stream goes idle, or `signal` aborts (the iterator
 * ends; an idle or broken stream ends with a FetchError thrown from the iterator).
 */
export const openEventStream = async (o: EventStreamOptions): Promise<AsyncIterable<StreamEvent>> => {
  let url: URL;
  try {
    url = new URL(o.url);
  } catch {
    throw new FetchError('bad-url', 'give-up', `not a URL: ${o.url}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchError('bad-url', 'give-up', `unsupported scheme in ${url.href}`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const literal = isIP(host);
  let addresses: readonly ResolvedAddress[];
  try {
    addresses = literal ? [{ address: host, family: literal === 6 ? 6 : 4 }] : await (o.resolver ?? systemResolver)(host);
  } catch (e) {
    throw new FetchError('dns', 'retry', `cannot resolve ${host}: ${(e as Error).message}`);
  }
  const target = addresses[0];
  if (!target) throw new FetchError('dns', 'retry', `cannot resolve ${host}`);
  const blocked = o.allowPrivateNetworks ? undefined : addresses.find((a) => !isPublicAddress(a.address));
  if (blocked) throw new FetchError('blocked-address', 'give-up', `refused to connect to ${host} (${blocked.address}): private or reserved address`);
  const pinned: LookupFunction = (_h, opts, cb) => {
    if ((opts as { all?: boolean }).all) (cb as (e: null, a: ResolvedAddress[]) => void)(null, [target]);
    else cb(null, target.address, target.family);
  };
  const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: 'text/event-stream', 'cache-control': 'no-cache' };
  if (o.authorization) headers.authorization = o.authorization;

  const res = await new Promise<IncomingMessage>((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(url, { method: 'GET', headers, lookup: pinned, signal: o.signal, agent: false }, resolve);
    const timer = setTimeout(() => req.destroy(new FetchError('timeout', 'retry', `no answer from ${url.href} within ${o.connectTimeoutMs ?? 20_000} ms`)), o.connectTimeoutMs ?? 20_000);
    req.on('response', () => clearTimeout(timer));
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e instanceof FetchError ? e : o.signal.aborted ? new FetchError('aborted', 'retry', `stream ${url.href} was cancelled`) : new FetchError('network', 'retry', `cannot open ${url.href}: ${e.message}`));
    });
    req.end();
  });
  const status = res.statusCode ?? 0;
  const type = String(res.headers['content-type'] ?? '');
  if (status !== 200 || !type.includes('text/event-stream')) {
    res.resume();
    const retryAfter = parseRetryAfter(res.headers['retry-after'] as string | undefined, new Date());
    const extra = { status, ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}) };
    if (status === 429 || status === 503 || status >= 500) throw new FetchError('http-status', 'retry', `HTTP ${status} from ${url.href}`, extra);
    throw new FetchError('http-status', 'give-up', status === 200 ? `${url.href} is not an event stream (${type || 'no content type'})` : `HTTP ${status} from ${url.href}`, extra);
  }

  const idleMs = o.idleMs ?? 60_000;
  return {
    async *[Symbol.asyncIterator]() {
      const queue: StreamEvent[] = [];
      let ended = false;
      let failure: Error | undefined;
      let wake: (() => void) | undefined;
      const notify = () => {
        wake?.();
        wake = undefined;
      };
      const parse = createSseParser((e) => {
        queue.push(e);
        notify();
      });
      let idle = setTimeout(() => res.destroy(new FetchError('timeout', 'retry', `${url.href} was silent for ${idleMs} ms`)), idleMs);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        clearTimeout(idle);
        idle = setTimeout(() => res.destroy(new FetchError('timeout', 'retry', `${url.href} was silent for ${idleMs} ms`)), idleMs);
        parse(chunk);
      });
      res.on('end', () => {
        ended = true;
        notify();
      });
      res.on('close', () => {
        ended = true;
        notify();
      });
      const onAbort = () => {
        ended = true;
        notify();
        res.destroy();
      };
      if (o.signal.aborted) onAbort();
      else o.signal.addEventListener('abort', onAbort, { once: true });
      res.on('error', (e) => {
        if (!o.signal.aborted) failure = e instanceof FetchError ? e : new FetchError('network', 'retry', `stream ${url.href} broke: ${e.message}`);
        ended = true;
        notify();
      });
      try {
        while (true) {
          const next = queue.shift();
          if (next) {
            yield next;
            continue;
          }
          if (ended) break;
          await new Promise<void>((r) => (wake = r));
        }
        if (failure) throw failure;
      } finally {
        clearTimeout(idle);
        o.signal.removeEventListener('abort', onAbort);
        res.destroy();
      }
    },
  };
};
