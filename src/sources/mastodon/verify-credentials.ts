import { z } from 'zod';
import { FetchError } from '../http/safe-fetch.ts';
import { SourceError, type SourceContext } from '../source.ts';
import { reconnectMessage } from './mastodon.source.ts';
import { fullHandle } from './normalise.ts';

/**
 * GET /api/v1/accounts/verify_credentials: who a token belongs to. Called when a notifications
 * source is previewed, so a wrong or revoked token is said at once, not at the first fetch.
 */
const credentialAccount = z.object({ id: z.string(), acct: z.string().min(1), display_name: z.string().optional(), url: z.string().nullish() });

export interface VerifiedAccount {
  readonly id: string;
  readonly handle: string;
  readonly name: string;
  readonly url: string | null;
}

export const verifyMastodonCredentials = async (server: string, accessToken: string, ctx: Pick<SourceContext, 'fetcher' | 'signal'>): Promise<VerifiedAccount> => {
  const base = new URL(server.endsWith('/') ? server : `${server}/`);
  const url = new URL('api/v1/accounts/verify_credentials', base).href;
  let res;
  try {
    res = await ctx.fetcher({ url, signal: ctx.signal, accept: 'application/json', authorization: `Bearer ${accessToken}` });
  } catch (e) {
    if (e instanceof FetchError && (e.status === 401 || e.status === 403)) throw new SourceError('fetch', 'reconnect', reconnectMessage(base.host, e.status));
    if (e instanceof FetchError) throw new SourceError('fetch', e.action, e.message, e.retryAfterSeconds, e);
    throw e;
  }
  if (res.kind !== 'ok') throw new SourceError('fetch', 'retry', `${url}: unexpected 304`);
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(res.body));
  } catch {
    throw new SourceError('parse', 'give-up', `${url}: the answer is not JSON (is ${base.host} a Mastodon server?)`);
  }
  const a = credentialAccount.safeParse(body);
  if (!a.success) throw new SourceError('parse', 'give-up', `${url}: not an account (is ${base.host} a Mastodon server?)`);
  const profile = a.data.url && /^https?:\/\//.test(a.data.url) ? a.data.url : null;
  return { id: a.data.id, handle: fullHandle(a.data.acct, profile, base.host), name: a.data.display_name ?? a.data.acct, url: profile };
};
