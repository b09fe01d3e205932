import { FetchError, type FetchResult } from '../http/safe-fetch.ts';
import { SourceError, type SourceContext } from '../source.ts';

/**
 * XRPC (the AT Protocol's HTTP API) over the SSRF-safe fetcher: `GET /xrpc/NSID?…` for
 * queries, `POST /xrpc/NSID` with a JSON body for procedures. Failures keep the XRPC error
 * name (`ExpiredToken`, `AuthenticationRequired`…) that the session logic decides on.
 */

export class XrpcError extends Error {
  readonly status: number | undefined;
  /** The XRPC error name from the answer's body, when it had one. */
  readonly error: string | undefined;
  override readonly cause: FetchError;
  constructor(cause: FetchError, error: string | undefined) {
    super(error ? `${cause.message} (${error})` : cause.message);
    this.name = 'XrpcError';
    this.status = cause.status;
    this.error = error;
    this.cause = cause;
  }
}

export const xrpcUrl = (service: string, nsid: string, params: Readonly<Record<string, string | undefined>> = {}): string => {
  const u = new URL(`xrpc/${nsid}`, service.endsWith('/') ? service : `${service}/`);
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') u.searchParams.set(k, v);
  return u.href;
};

const errorName = (body: string | undefined): string | undefined => {
  if (!body) return undefined;
  try {
    const e = (JSON.parse(body) as { error?: unknown }).error;
    return typeof e === 'string' ? e : undefined;
  } catch {
    return undefined;
  }
};

export type XrpcAnswer = { readonly kind: 'ok'; readonly json: unknown; readonly etag?: string } | { readonly kind: 'not-modified' };

export interface XrpcRequest {
  readonly url: string;
  readonly token?: string;
  /** A procedure's JSON input (sent as a POST). */
  readonly body?: unknown;
  /** A procedure without input (a POST with no body). */
  readonly post?: boolean;
  readonly etag?: string;
}

/** One XRPC call. HTTP failures throw XrpcError; an answer that is not JSON is a parse SourceError. */
export const xrpc = async (ctx: SourceContext, req: XrpcRequest): Promise<XrpcAnswer> => {
  let res: FetchResult;
  try {
    res = await ctx.fetcher({
      url: req.url,
      signal: ctx.signal,
      accept: 'application/json',
      ...(req.body !== undefined ? { method: 'POST' as const, body: JSON.stringify(req.body) } : req.post ? { method: 'POST' as const } : {}),
      headers: {
        ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(req.token ? { authorization: `Bearer ${req.token}` } : {}),
      },
      ...(req.etag ? { etag: req.etag } : {}),
    });
  } catch (e) {
    if (e instanceof FetchError) throw new XrpcError(e, errorName(e.body));
    throw e;
  }
  if (res.kind === 'not-modified') return { kind: 'not-modified' };
  try {
    return { kind: 'ok', json: JSON.parse(new TextDecoder().decode(res.body)), ...(res.etag ? { etag: res.etag } : {}) };
  } catch {
    throw new SourceError('parse', 'retry', `${res.url}: the answer is not JSON`);
  }
};

/** An XRPC failure as the SourceError the scheduler acts on (401: the credentials need attention). */
export const toSourceError = (e: unknown): unknown => {
  if (!(e instanceof XrpcError)) return e;
  const action = e.status === 401 ? 'reconnect' : e.cause.action;
  return new SourceError('fetch', action, e.message, e.cause.retryAfterSeconds, e.cause);
};
