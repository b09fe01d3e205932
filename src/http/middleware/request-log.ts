import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../../core/logger.ts';

/** One structured line per request: method, path (never the query: it may carry search terms), status, duration. */
export const requestLog =
  (logger: Logger): MiddlewareHandler =>
  async (c, next) => {
    const started = performance.now();
    await next();
    logger.info('http.request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  };
