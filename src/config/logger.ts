import type { Writable } from 'node:stream';
import type { Logger } from '../core/logger.ts';

const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof levels;

/** JSON lines, one per event: `{"t":"…","level":"info","event":"http.request",…}`. */
export const jsonLogger = (out: Writable, level: LogLevel): Logger => {
  const min = levels[level];
  const emit = (lvl: Exclude<LogLevel, 'silent'>, event: string, fields?: Record<string, unknown>) => {
    if (levels[lvl] < min) return;
    out.write(`${JSON.stringify({ t: new Date().toISOString(), level: lvl, event, ...fields })}\n`);
  };
  return {
    debug: (e, f) => emit('debug', e, f),
    info: (e, f) => emit('info', e, f),
    warn: (e, f) => emit('warn', e, f),
    error: (e, f) => emit('error', e, f),
  };
};
