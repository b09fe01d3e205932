import type { SessionView } from '../../core/api/auth.ts';
import { loadConfig, type Config } from '../../config/env.ts';
import { fixedClock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import type { TestDatabase } from '../../storage/testing/databases.ts';
import { createHttpApp } from '../app.ts';
import { createImportRunner, type ImportRunner } from '../../app/import/followed-import.ts';

/**
 * Test support: the real HTTP app over a real database, an injected clock, and
 * clients that keep their cookie and CSRF token like a browser would.
 */
export interface Harness {
  readonly app: ReturnType<typeof createHttpApp>;
  readonly clock: ReturnType<typeof fixedClock>;
  readonly config: Config;
  readonly logs: { event: string; fields: Record<string, unknown> | undefined }[];
  /** The followed imports run by this app (ADR 0250, 0290); `imports.start()` makes it take over stopped ones. */
  readonly imports: ImportRunner;
  client(): Client;
}

export const testSecretKey = '5ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7';

export const makeHarness = (
  database: TestDatabase,
  opts: { env?: Record<string, string>; now?: string; webDir?: string; importChunkSize?: number; importLeaseMs?: number } = {},
): Harness => {
  const clock = fixedClock(opts.now ?? '2026-11-20T09:00:00Z');
  // A fixed key, so tests never write a key file (RELAIS_SECRET_KEY in opts.env overrides it).
  const config = loadConfig({ RELAIS_DATA_DIR: '.relais-test', RELAIS_SECRET_KEY: testSecretKey, ...opts.env });
  const logs: Harness['logs'] = [];
  const record = (event: string, fields?: Record<string, unknown>) => {
    logs.push({ event, fields });
  };
  const logger: Logger = { debug: record, info: record, warn: record, error: record };
  // This "process"'s followed imports.
  const imports = createImportRunner({ db: database.db, clock, logger, chunkSize: opts.importChunkSize, leaseMs: opts.importLeaseMs, sweepMs: 200 });
  const app = createHttpApp({ database, config, clock, logger, webDir: opts.webDir, imports });
  return { app, clock, config, logs, imports, client: () => new Client(app) };
};

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: unknown;
  /** The parsed body seen as the API type the test expects (the test asserts what matters). */
  json<T>(): T;
}

export class Client {
  readonly app: Harness['app'];
  cookie: string | undefined;
  csrf: string | undefined;
  bearer: string | undefined;
  constructor(app: Harness['app']) {
    this.app = app;
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined && !('content-type' in h)) h['content-type'] = 'application/json';
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET' && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrf;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    const res = await this.app.request(path, {
      method,
      headers: h,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const [pair] = setCookie.split(';');
      this.cookie = pair && !/=$/.test(pair) && !/Max-Age=0/i.test(setCookie) ? pair : undefined;
    }
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    const maybe = parsed as { csrfToken?: unknown } | undefined;
    if (typeof maybe?.csrfToken === 'string') this.csrf = maybe.csrfToken;
    return { status: res.status, headers: res.headers, text, body: parsed, json: <T>() => parsed as T };
  }

  get = (path: string, headers?: Record<string, string>) => this.request('GET', path, undefined, headers);
  post = (path: string, body?: unknown, headers?: Record<string, string>) => this.request('POST', path, body ?? {}, headers);
  put = (path: string, body: unknown) => this.request('PUT', path, body);
  patch = (path: string, body: unknown) => this.request('PATCH', path, body);
  delete = (path: string) => this.request('DELETE', path);

  login(email: string, password: string) {
    return this.post('/api/v1/auth/login', { email, password });
  }
}

export const password = 'correct horse battery';

/** First admin through the public setup route; returns the signed-in client and ids. */
export const setUp = async (h: Harness, email = 'owner@example.org', workspaceName = 'Atelier') => {
  const c = h.client();
  const r = await c.post('/api/v1/setup', { email, name: 'Owner', password, workspaceName });
  if (r.status !== 201) throw new Error(`setup failed: ${r.status} ${r.text}`);
  const view = r.json<SessionView>();
  const workspaceId = view.workspaces[0]?.id;
  if (!workspaceId) throw new Error('setup created no workspace');
  return { client: c, userId: view.user.id, workspaceId };
};

/**
 * The usual cast of a route test: the first admin (owner), a viewer holding a viewer token for
 * the same workspace, and the workspace's API prefix.
 */
export const setUpOwnerAndViewer = async (h: Harness) => {
  const s = await setUp(h);
  const viewer = await viewerOf(h, s.client, s.workspaceId);
  return { ...s, owner: s.client, viewer, ws: `/api/v1/workspaces/${s.workspaceId}` };
};

/** A new client holding a viewer API token of `workspaceId`, made by `owner` (logged in). */
export const viewerOf = async (h: Harness, owner: Client, workspaceId: string, name = 'v'): Promise<Client> => {
  const viewer = h.client();
  const token = await owner.post('/api/v1/me/tokens', { name, workspaceId, role: 'viewer' });
  if (token.status !== 201) throw new Error(`viewer token refused: ${token.status} ${token.text}`);
  viewer.bearer = token.json<{ token: string }>().token;
  return viewer;
};
