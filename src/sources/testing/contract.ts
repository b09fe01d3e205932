import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MentionDraft } from '../../core/mention.ts';
import { fixedClock } from '../../core/clock.ts';
import { createSafeFetch, type FetchAction, type Fetcher } from '../http/safe-fetch.ts';
import { SourceError, type Source, type SourceContext } from '../source.ts';

/**
 * The contract every Source passes (Hono's common.case.test idea): one suite, run by each
 * connector's test file against a real local HTTP server that serves that network's real
 * payload. What it checks:
 *   - drafts are valid: non-empty externalId, the source's network, a handle, plain text
 *     without HTML tags, absolute http(s) URLs, valid dates, sanitised HTML, no duplicate ids;
 *   - re-fetching gives the same drafts (deterministic ids);
 *   - conditional GET is honoured (ETag sent back, 304 → notModified with no items);
 *   - failures are typed SourceErrors that say retry / give up / disable, with Retry-After;
 *   - a broken payload is a typed parse error, never a crash;
 *   - every request goes through the injected fetcher.
 * A connector may skip a check only with a reason (`skip`).
 */

export type ContractCheck = 'valid-drafts' | 'deterministic' | 'conditional-get' | 'typed-http-errors' | 'broken-payload' | 'fetcher-only';

export interface ContractResponse {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array;
}

export interface ContractFixture<Config> {
  readonly name: string;
  readonly source: Source<Config>;
  /** The connector's config for a network served at `baseUrl`. */
  config(baseUrl: string): Config;
  /** The network's normal answer to a request: a real payload (from ../shared/data or the repo's fixtures). */
  respond(req: IncomingMessage): ContractResponse;
  /** A body the connector must refuse as unreadable. */
  readonly brokenBody: string;
  /** At least this many drafts come out of the normal payload. */
  readonly minItems: number;
  /**
   * Where a connector decides differently from the default (429/503/500 retry, 404/403 give up,
   * 410 disable) — e.g. an authenticated API whose 403 means reconnect.
   */
  readonly statusActions?: Partial<Record<429 | 503 | 500 | 404 | 403 | 410, FetchAction>>;
  readonly skip?: Partial<Record<ContractCheck, string>>;
}

type Mode = { kind: 'normal' } | { kind: 'status'; status: number; headers?: Record<string, string> } | { kind: 'broken' };

const TAG = /<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>/;

const assertAbsolute = (u: string | undefined, what: string): void => {
  if (u === undefined) return;
  let parsed: URL;
  try {
    parsed = new URL(u);
  } catch {
    assert.fail(`${what} is not an absolute URL: ${u}`);
  }
  assert.ok(parsed.protocol === 'http:' || parsed.protocol === 'https:', `${what} is not http(s): ${u}`);
};

export const assertValidDraft = (d: MentionDraft, network: string): void => {
  const where = `draft ${JSON.stringify(d.externalId)}`;
  assert.equal(d.network, network, where);
  assert.equal(typeof d.externalId, 'string', where);
  assert.ok(d.externalId.trim().length > 0, `${where}: empty externalId`);
  assert.ok(d.author.handle.trim().length > 0, `${where}: empty author handle`);
  assert.equal(typeof d.text, 'string', where);
  assert.ok(!TAG.test(d.text), `${where}: text contains HTML: ${d.text.slice(0, 120)}`);
  assert.ok(d.publishedAt instanceof Date && !Number.isNaN(d.publishedAt.getTime()), `${where}: invalid publishedAt`);
  assertAbsolute(d.url, `${where} url`);
  assertAbsolute(d.author.url, `${where} author.url`);
  assertAbsolute(d.author.avatarUrl, `${where} author.avatarUrl`);
  for (const l of d.links) assertAbsolute(l, `${where} link`);
  if (d.html !== undefined) {
    assert.ok(!/<script|<style|<iframe|\son[a-z]+\s*=|javascript:/i.test(d.html), `${where}: unsafe HTML: ${d.html.slice(0, 200)}`);
  }
  if (d.declaredLang !== undefined) assert.match(d.declaredLang, /^[a-z]{2,3}$/, `${where}: declaredLang`);
};

export const runSourceContract = <Config>(fixture: ContractFixture<Config>): void => {
  describe(`Source contract: ${fixture.name}`, () => {
    let server: Server;
    let base = '';
    let mode: Mode = { kind: 'normal' };
    const seen: IncomingMessage[] = [];
    let fetcherCalls = 0;
    const clock = fixedClock('2026-01-15T12:00:00Z');
    const inner: Fetcher = createSafeFetch({ allowPrivateNetworks: true, timeoutMs: 5000 });
    const fetcher: Fetcher = (r) => {
      fetcherCalls++;
      return inner(r);
    };
    const ctx = (): SourceContext => ({ signal: AbortSignal.timeout(10_000), clock, fetcher });

    before(async () => {
      server = createServer((req, res) => {
        seen.push(req);
        if (mode.kind === 'status') {
          res.writeHead(mode.status, mode.headers ?? {});
          res.end();
          return;
        }
        if (mode.kind === 'broken') {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end(fixture.brokenBody);
          return;
        }
        const r = fixture.respond(req);
        const body = typeof r.body === 'string' ? Buffer.from(r.body) : Buffer.from(r.body);
        const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
        if (req.headers['if-none-match'] === etag) {
          res.writeHead(304, { etag });
          res.end();
          return;
        }
        res.writeHead(r.status ?? 200, { etag, ...(r.headers ?? {}) });
        res.end(body);
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => {
      server.closeAllConnections();
      server.close();
    });

    const check = (name: ContractCheck, title: string, fn: () => Promise<void>) => {
      const reason = fixture.skip?.[name];
      test(title, reason ? { skip: reason } : {}, async () => {
        mode = { kind: 'normal' };
        await fn();
      });
    };

    check('valid-drafts', 'normalised drafts are valid', async () => {
      const r = await fixture.source.fetch(fixture.config(base), {}, ctx());
      assert.equal(r.notModified, false);
      assert.ok(r.items.length >= fixture.minItems, `expected at least ${fixture.minItems} drafts, got ${r.items.length}`);
      for (const d of r.items) assertValidDraft(d, fixture.source.network);
      const ids = r.items.map((d) => d.externalId);
      assert.equal(new Set(ids).size, ids.length, 'duplicate externalIds in one fetch');
    });

    check('deterministic', 're-fetching gives the same drafts and ids', async () => {
      const a = await fixture.source.fetch(fixture.config(base), {}, ctx());
      const b = await fixture.source.fetch(fixture.config(base), {}, ctx());
      assert.deepEqual(b.items.map((d) => d.externalId), a.items.map((d) => d.externalId));
      assert.deepEqual(b.items, a.items);
    });

    check('conditional-get', 'conditional GET is honoured: validators sent back, 304 is not-modified', async () => {
      const first = await fixture.source.fetch(fixture.config(base), {}, ctx());
      assert.ok(first.state.etag, 'the ETag was not kept in the state');
      seen.length = 0;
      const second = await fixture.source.fetch(fixture.config(base), first.state, ctx());
      assert.equal(seen[0]?.headers['if-none-match'], first.state.etag);
      assert.equal(second.notModified, true);
      assert.equal(second.items.length, 0);
      assert.equal(second.state.etag, first.state.etag);
    });

    check('typed-http-errors', 'HTTP failures are typed: retry (with Retry-After), give up, disable', async () => {
      const cases: Array<[number, Record<string, string>, string, number | undefined]> = [
        [429, { 'retry-after': '90' }, 'retry', 90],
        [503, {}, 'retry', undefined],
        [500, {}, 'retry', undefined],
        [404, {}, 'give-up', undefined],
        [403, {}, 'give-up', undefined],
        [410, {}, 'disable', undefined],
      ];
      for (const [status, headers, defaultAction, retryAfter] of cases) {
        const action = fixture.statusActions?.[status as 429 | 503 | 500 | 404 | 403 | 410] ?? defaultAction;
        mode = { kind: 'status', status, headers };
        await assert.rejects(fixture.source.fetch(fixture.config(base), {}, ctx()), (e: unknown) => {
          assert.ok(e instanceof SourceError, `HTTP ${status}: expected a SourceError, got ${String(e)}`);
          assert.equal(e.code, 'fetch');
          assert.equal(e.action, action, `HTTP ${status}`);
          assert.equal(e.retryAfterSeconds, retryAfter, `HTTP ${status}`);
          return true;
        });
      }
    });

    check('broken-payload', 'a broken payload is a typed parse error, never a crash', async () => {
      mode = { kind: 'broken' };
      await assert.rejects(fixture.source.fetch(fixture.config(base), {}, ctx()), (e: unknown) => {
        assert.ok(e instanceof SourceError, `expected a SourceError, got ${String(e)}`);
        assert.equal(e.code, 'parse');
        return true;
      });
    });

    check('fetcher-only', 'every request goes through the injected fetcher', async () => {
      seen.length = 0;
      fetcherCalls = 0;
      await fixture.source.fetch(fixture.config(base), {}, ctx());
      assert.ok(fetcherCalls > 0);
      assert.equal(seen.length, fetcherCalls);
    });
  });
};
