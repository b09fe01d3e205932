import type { Context } from 'hono';
import type { SignedIn } from '../app/auth/login.ts';
import type { SessionPolicy } from '../app/auth/sessions.ts';
import type { Config } from '../config/env.ts';
import { writeSessionCookie } from './cookies.ts';
import { sessionView } from './presenters.ts';

export const sessionPolicy = (config: Config): SessionPolicy => ({ idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs });

/** Sets the session cookie and returns what login, setup and accept answer. */
export const signedInAnswer = (c: Context, config: Config, s: SignedIn) => {
  writeSessionCookie(c, config, s.token, s.session.expiresAt);
  return sessionView(s.user, s.workspaces, s.session.csrfToken);
};
