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
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
};
