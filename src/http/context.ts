import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ImportRunner } from '../app/import/followed-import.ts';
import type { Config } from '../config/env.ts';
import type { Clock } from '../core/clock.ts';
import { fail } from '../core/errors.ts';
import type { Locale } from '../core/user.ts';
import type { Logger } from '../core/logger.ts';
import type { Principal } from '../core/session.ts';
import type { Role } from '../core/workspace.ts';
import type { Database } from '../storage/db.ts';

export interface HttpDeps {
  readonly database: Database;
  readonly config: Config;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The built web interface (index.html and assets), when there is one. */
  readonly webDir?: string | undefined;
  /** The job queue, when this process has one ("fetch now" enqueues through it). */
  /** The followed imports run by this process (ADR 0250); the app makes one over the data directory when absent. */
  readonly imports?: ImportRunner | undefined;
  readonly jobs?: { send(task: string, payload: object, opts?: { singletonKey?: string }): Promise<string | null> } | undefined;
}

export interface AppEnv {
  Variables: {
    /** Set by the authenticate middleware: null when the caller is anonymous. */
    principal: Principal | null;
    /** Set by the workspace access middleware on /workspaces/:workspaceId/…: the caller's effective role. */
    role: Role;
    /** Set by the authenticate middleware: the signed-in user's language preference, read only when an error needs it. */
    userLocale: (() => Promise<Locale | null>) | undefined;
  };
}

export type Api = OpenAPIHono<AppEnv>;

export const principalOf = (c: Context<AppEnv>): Principal => {
  const p = c.get('principal');
  if (!p) throw fail('auth.sign-in-first');
  return p;
};
