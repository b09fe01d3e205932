import { z } from 'zod';
import { SourceError, type SourceContext } from '../source.ts';
import { xrpc, xrpcUrl, XrpcError } from './xrpc.ts';

/**
 * A Bluesky session from an app password (ADR 0112): `com.atproto.server.createSession` once,
 * then `refreshSession` when the access token is about to expire (read from its JWT `exp`) or
 * when the server says `ExpiredToken`; a refused refresh falls back to a new login. Sessions
 * are kept in memory per (service, identifier): logging in every minute would hit the
 * server's login rate limit (30 per 5 minutes, 300 per day per account).
 */

export interface BlueskyCredentials {
  /** The account's PDS (e.g. https://bsky.social). */
  readonly service: string;
  /** Handle, DID or e-mail. */
  readonly identifier: string;
  readonly appPassword: string;
}

export interface Session {
  readonly did: string;
  readonly handle: string;
  readonly accessJwt: string;
  readonly refreshJwt: string;
  /** When the access token expires (ms since the epoch), if its JWT says. */
  readonly accessExpiresAt: number | undefined;
}

export interface SessionStore {
  get(key: string): Session | undefined;
  set(key: string, session: Session): void;
  delete(key: string): void;
  /** Logins and refreshes done through this store (for health and tests). */
  readonly counts: { logins: number; refreshes: number };
}

export const createSessionStore = (): SessionStore => {
  const map = new Map<string, Session>();
  return {
    get: (k) => map.get(k),
    set: (k, s) => void map.set(k, s),
    delete: (k) => void map.delete(k),
    counts: { logins: 0, refreshes: 0 },
  };
};

const sessionSchema = z.object({ did: z.string(), handle: z.string(), accessJwt: z.string().min(1), refreshJwt: z.string().min(1) }).loose();

/** The `exp` claim of a JWT, in ms; undefined when unreadable (the token is then used until refused). */
export const jwtExpiry = (jwt: string): number | undefined => {
  const payload = jwt.split('.')[1];
  if (!payload) return undefined;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
};

/** Refresh this long before the access token expires. */
const MARGIN_MS = 60_000;

const toSession = (json: unknown, where: string): Session => {
  const s = sessionSchema.safeParse(json);
  if (!s.success) throw new SourceError('parse', 'retry', `${where}: not a session`);
  return { did: s.data.did, handle: s.data.handle, accessJwt: s.data.accessJwt, refreshJwt: s.data.refreshJwt, accessExpiresAt: jwtExpiry(s.data.accessJwt) };
};

const keyOf = (c: BlueskyCredentials): string => `${c.service}\u0000${c.identifier.toLowerCase()}`;

const login = async (c: BlueskyCredentials, store: SessionStore, ctx: SourceContext): Promise<Session> => {
  const url = xrpcUrl(c.service, 'com.atproto.server.createSession');
  try {
    const r = await xrpc(ctx, { url, body: { identifier: c.identifier, password: c.appPassword } });
    if (r.kind !== 'ok') throw new SourceError('fetch', 'retry', `${url}: unexpected 304`);
    store.counts.logins++;
    const s = toSession(r.json, url);
    store.set(keyOf(c), s);
    return s;
  } catch (e) {
    if (e instanceof XrpcError && (e.status === 401 || e.error === 'AuthenticationRequired' || e.error === 'AccountTakedown')) {
      throw new SourceError('fetch', 'reconnect', `Bluesky refused the login of ${c.identifier} (${e.error ?? `HTTP ${e.status}`}): check the handle and the app password`);
    }
    throw e;
  }
};

const refresh = async (c: BlueskyCredentials, s: Session, store: SessionStore, ctx: SourceContext): Promise<Session> => {
  const url = xrpcUrl(c.service, 'com.atproto.server.refreshSession');
  try {
    const r = await xrpc(ctx, { url, token: s.refreshJwt, post: true });
    if (r.kind !== 'ok') throw new SourceError('fetch', 'retry', `${url}: unexpected 304`);
    store.counts.refreshes++;
    const next = toSession(r.json, url);
    store.set(keyOf(c), next);
    return next;
  } catch (e) {
    // The refresh token expired or was revoked: log in again.
    if (e instanceof XrpcError && (e.status === 400 || e.status === 401)) return login(c, store, ctx);
    throw e;
  }
};

const expired = (e: unknown): boolean => e instanceof XrpcError && (e.error === 'ExpiredToken' || e.error === 'InvalidToken' || e.status === 401);

/**
 * Runs `call` with a valid access token: logs in or refreshes first when needed, and once more
 * when the server answers that the token expired.
 */
export const withSession = async <T>(c: BlueskyCredentials, store: SessionStore, ctx: SourceContext, call: (s: Session) => Promise<T>): Promise<T> => {
  let s = store.get(keyOf(c));
  if (!s) s = await login(c, store, ctx);
  else if (s.accessExpiresAt !== undefined && s.accessExpiresAt - ctx.clock.now().getTime() < MARGIN_MS) s = await refresh(c, s, store, ctx);
  try {
    return await call(s);
  } catch (e) {
    if (!expired(e)) throw e;
    s = await refresh(c, s, store, ctx);
    return call(s);
  }
};
