import type { Context } from 'hono';

/**
 * The client's address for rate limiting. Behind a trusted proxy, the first
 * X-Forwarded-For entry; otherwise the socket's peer (never a header the
 * client could forge).
 */
export const clientIp = (c: Context, trustProxy: boolean): string => {
  if (trustProxy) {
    const first = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (first) return first;
  }
  // @hono/node-server passes the Node request as env.incoming (or env.server.incoming when wrapped).
  type Bindings = { incoming?: { socket?: { remoteAddress?: string } } };
  const env = c.env as (Bindings & { server?: Bindings }) | undefined;
  return (env?.server ?? env)?.incoming?.socket?.remoteAddress ?? 'unknown';
};
