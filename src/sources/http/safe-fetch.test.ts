import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { fixedClock } from '../../core/clock.ts';
import { createSafeFetch, FetchError, parseRetryAfter, USER_AGENT } from './safe-fetch.ts';
import { createPoliteness } from './politeness.ts';

const servers: Server[] = [];
after(() => {
  for (const s of servers) s.closeAllConnections?.(), s.close();
});

const serve = async (handler: RequestListener, host = '127.0.0.1'): Promise<string> => {
  const s = createServer(handler);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, host, r));
  return `http://${host}:${(s.address() as AddressInfo).port}`;
};

const rejectsWith = async (p: Promise<unknown>, check: (e: FetchError) => void): Promise<void> => {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof FetchError, `expected a FetchError, got ${String(e)}`);
    check(e);
    return true;
  });
};

test('fetches a body with the relais User-Agent when private networks are allowed', async () => {
  let ua = '';
  const base = await serve((req, res) => {
    ua = req.headers['user-agent'] ?? '';
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"', 'last-modified': 'Mon, 03 Apr 2023 01:02:03 GMT' });
    res.end('<rss/>');
  });
  const r = await createSafeFetch({ allowPrivateNetworks: true })({ url: `${base}/feed` });
  assert.equal(r.kind, 'ok');
  if (r.kind !== 'ok') return;
  assert.equal(Buffer.from(r.body).toString(), '<rss/>');
  assert.equal(r.etag, '"v1"');
  assert.equal(r.lastModified, 'Mon, 03 Apr 2023 01:02:03 GMT');
  assert.equal(r.headers['content-type'], 'application/rss+xml');
  assert.equal(ua, USER_AGENT);
  assert.match(ua, /relais/);
});

test('loopback is refused without allowPrivateNetworks, before any byte is sent', async () => {
  let hits = 0;
  const base = await serve((_req, res) => {
    hits++;
    res.end('secret');
  });
  await rejectsWith(createSafeFetch()({ url: `${base}/` }), (e) => {
    assert.equal(e.code, 'blocked-address');
    assert.equal(e.action, 'give-up');
  });
  // A name that resolves to loopback is refused the same way (checked after resolution).
  const viaName = base.replace('127.0.0.1', 'feeds.example');
  await rejectsWith(createSafeFetch({ resolver: async () => [{ address: '127.0.0.1', family: 4 }] })({ url: viaName }), (e) =>
    assert.equal(e.code, 'blocked-address'));
  await rejectsWith(createSafeFetch({ resolver: async () => [{ address: '::ffff:127.0.0.1', family: 6 }] })({ url: viaName }), (e) =>
    assert.equal(e.code, 'blocked-address'));
  await rejectsWith(createSafeFetch()({ url: 'http://169.254.169.254/latest/meta-data/' }), (e) => assert.equal(e.code, 'blocked-address'));
  assert.equal(hits, 0);
});

test('a redirect from an allowed name to a loopback address is refused, whether by address or by name', async () => {
  let secretHits = 0;
  const secret = await serve((_req, res) => {
    secretHits++;
    res.end('internal');
  }, '127.0.0.2');
  const secretPort = new URL(secret).port;
  const front = await serve((req, res) => {
    res.writeHead(302, { location: req.url === '/by-name' ? `http://internal.example:${secretPort}/admin` : `${secret}/admin` });
    res.end();
  });
  const frontPort = new URL(front).port;
  // Test DNS: feeds.example stands for a public site (its address is allowed by the test policy);
  // internal.example resolves to loopback, as a rebinding attacker would arrange.
  const resolver = async (host: string) => [{ address: host === 'feeds.example' ? '127.0.0.1' : '127.0.0.2', family: 4 as const }];
  const fetcher = createSafeFetch({ resolver, isAllowedAddress: (ip) => ip === '127.0.0.1' });
  for (const path of ['/by-address', '/by-name']) {
    await rejectsWith(fetcher({ url: `http://feeds.example:${frontPort}${path}` }), (e) => {
      assert.equal(e.code, 'blocked-address');
      assert.match(e.message, /127\.0\.0\.2/);
    });
  }
  assert.equal(secretHits, 0);
  // With private networks allowed, the same redirect is followed.
  const ok = await createSafeFetch({ allowPrivateNetworks: true })({ url: `${front}/by-address` });
  assert.equal(ok.kind === 'ok' && Buffer.from(ok.body).toString(), 'internal');
  assert.equal(ok.url, `${secret}/admin`);
});

test('at most 5 redirects are followed', async () => {
  const base = await serve((req, res) => {
    const n = Number(req.url?.slice(1) || '0');
    if (n < 10) {
      res.writeHead(301, { location: `/${n + 1}` });
      res.end();
    } else res.end('end');
  });
  const fetcher = createSafeFetch({ allowPrivateNetworks: true });
  await rejectsWith(fetcher({ url: `${base}/0` }), (e) => assert.equal(e.code, 'too-many-redirects'));
  const r = await fetcher({ url: `${base}/5` });
  assert.equal(r.kind === 'ok' && Buffer.from(r.body).toString(), 'end');
});

test('a gzip bomb is capped after decompression', async () => {
  const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024));
  assert.ok(bomb.length < 100_000);
  const base = await serve((_req, res) => {
    res.writeHead(200, { 'content-encoding': 'gzip' });
    res.end(bomb);
  });
  await rejectsWith(createSafeFetch({ allowPrivateNetworks: true })({ url: base }), (e) => {
    assert.equal(e.code, 'too-large');
    assert.equal(e.action, 'give-up');
  });
});

test('gzip and brotli bodies are decompressed; a large plain body is capped too', async () => {
  const text = '<rss>é</rss>'.repeat(100);
  const base = await serve((req, res) => {
    if (req.url === '/gz') {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end(gzipSync(text));
    } else if (req.url === '/br') {
      res.writeHead(200, { 'content-encoding': 'br' });
      res.end(brotliCompressSync(text));
    } else res.end(Buffer.alloc(4096));
  });
  const fetcher = createSafeFetch({ allowPrivateNetworks: true, maxBytes: 2048 });
  for (const p of ['/gz', '/br']) {
    const r = await fetcher({ url: `${base}${p}` });
    assert.equal(r.kind === 'ok' && Buffer.from(r.body).toString(), text, p);
  }
  await rejectsWith(fetcher({ url: `${base}/plain` }), (e) => assert.equal(e.code, 'too-large'));
});

test('a slow server times out, and the error says retry', async () => {
  const base = await serve(() => {
    // never answers
  });
  const started = Date.now();
  await rejectsWith(createSafeFetch({ allowPrivateNetworks: true, timeoutMs: 200 })({ url: base }), (e) => {
    assert.equal(e.code, 'timeout');
    assert.equal(e.action, 'retry');
  });
  assert.ok(Date.now() - started < 2000);
});

test('conditional GET: validators are sent and 304 is reported as not-modified', async () => {
  const base = await serve((req, res) => {
    if (req.headers['if-none-match'] === '"v2"' || req.headers['if-modified-since'] === 'Tue, 04 Apr 2023 00:00:00 GMT') {
      res.writeHead(304, { etag: '"v2"' });
      res.end();
    } else {
      res.writeHead(200, { etag: '"v2"' });
      res.end('body');
    }
  });
  const fetcher = createSafeFetch({ allowPrivateNetworks: true });
  const first = await fetcher({ url: base });
  assert.equal(first.kind, 'ok');
  assert.equal(first.etag, '"v2"');
  const second = await fetcher({ url: base, etag: first.etag });
  assert.deepEqual(second, { kind: 'not-modified', url: `${base}/`, etag: '"v2"' });
  const third = await fetcher({ url: base, lastModified: 'Tue, 04 Apr 2023 00:00:00 GMT' });
  assert.equal(third.kind, 'not-modified');
});

test('status codes become typed decisions: 429/503 retry after, 410 disable, 404/401/403 give up, 5xx retry', async () => {
  const base = await serve((req, res) => {
    const code = Number(req.url?.slice(1));
    const headers: Record<string, string> = {};
    if (code === 429) headers['retry-after'] = '120';
    if (code === 503) headers['retry-after'] = 'Wed, 01 Jan 2031 00:01:00 GMT';
    res.writeHead(code, headers);
    res.end();
  });
  const fetcher = createSafeFetch({ allowPrivateNetworks: true, clock: fixedClock('2031-01-01T00:00:00Z') });
  const expect = async (code: number, action: string, retryAfter?: number) =>
    rejectsWith(fetcher({ url: `${base}/${code}` }), (e) => {
      assert.equal(e.status, code);
      assert.equal(e.action, action, String(code));
      assert.equal(e.retryAfterSeconds, retryAfter, String(code));
    });
  await expect(429, 'retry', 120);
  await expect(503, 'retry', 60);
  await expect(410, 'disable');
  await expect(404, 'give-up');
  await expect(401, 'give-up');
  await expect(403, 'give-up');
  await expect(500, 'retry');
  await expect(502, 'retry');
});

test('network errors say retry; bad URLs and schemes give up', async () => {
  const base = await serve((_req, res) => res.end());
  const port = new URL(base).port;
  servers.pop()?.close();
  await new Promise((r) => setTimeout(r, 20));
  const fetcher = createSafeFetch({ allowPrivateNetworks: true });
  await rejectsWith(fetcher({ url: `http://127.0.0.1:${port}/` }), (e) => assert.equal(e.action, 'retry'));
  await rejectsWith(fetcher({ url: 'not a url' }), (e) => assert.equal(e.code, 'bad-url'));
  await rejectsWith(fetcher({ url: 'file:///etc/passwd' }), (e) => assert.equal(e.code, 'bad-url'));
});

test('Retry-After parsing', () => {
  const now = new Date('2030-01-01T00:00:00Z');
  assert.equal(parseRetryAfter('30', now), 30);
  assert.equal(parseRetryAfter('Tue, 01 Jan 2030 00:00:10 GMT', now), 10);
  assert.equal(parseRetryAfter('garbage', now), undefined);
  assert.equal(parseRetryAfter(undefined, now), undefined);
});

test('politeness spaces requests to one host by the minimum delay, on the injected clock', async () => {
  const clock = fixedClock('2030-01-01T00:00:00Z');
  const waits: number[] = [];
  const p = createPoliteness(1000, clock, async (ms) => {
    waits.push(ms);
  });
  await p.wait('a.example');
  await p.wait('A.example');
  await p.wait('b.example');
  await p.wait('a.example');
  assert.deepEqual(waits, [1000, 2000]);
  clock.advance(5000);
  await p.wait('a.example');
  assert.deepEqual(waits, [1000, 2000]);
});

test('POST sends its body and headers once, and does not follow a redirect (webhook deliveries)', async () => {
  const seen: { method: string; body: string; type: string; length: string; sig: string }[] = [];
  let moved = 0;
  const base = await serve((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/moved') {
        moved++;
        res.writeHead(307, { location: '/in' }).end();
        return;
      }
      seen.push({ method: req.method ?? '', body: Buffer.concat(chunks).toString('utf8'), type: String(req.headers['content-type']), length: String(req.headers['content-length']), sig: String(req.headers['x-relais-signature']) });
      res.writeHead(204).end();
    });
  });
  const fetcher = createSafeFetch({ allowPrivateNetworks: true });
  const body = JSON.stringify({ type: 'webhook.test', text: 'réassort' });
  const r = await fetcher({ url: `${base}/in`, method: 'POST', body, headers: { 'Content-Type': 'application/json', 'X-Relais-Signature': 't=1,v1=ab' } });
  assert.equal(r.kind, 'ok');
  assert.deepEqual(seen, [{ method: 'POST', body, type: 'application/json', length: String(Buffer.byteLength(body)), sig: 't=1,v1=ab' }]);
  await rejectsWith(fetcher({ url: `${base}/moved`, method: 'POST', body }), (e) => {
    assert.equal(e.status, 307);
    assert.equal(e.action, 'give-up');
  });
  assert.equal(moved, 1);
  assert.equal(seen.length, 1, 'the redirect target was not posted to');
});

test('POST with a body and headers; a 4xx answer keeps the start of its body (API error codes)', async () => {
  const seen: Array<{ method?: string; auth?: string; type?: string; body: string }> = [];
  const base = await serve((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method, auth: req.headers.authorization, type: req.headers['content-type'], body });
      if (req.url === '/expired') {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end('{"error":"ExpiredToken","message":"Token has expired"}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  const f = createSafeFetch({ allowPrivateNetworks: true });
  const r = await f({ url: `${base}/login`, method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer t' }, body: '{"a":"é"}' });
  assert.equal(r.kind, 'ok');
  assert.deepEqual(seen[0], { method: 'POST', auth: 'Bearer t', type: 'application/json', body: '{"a":"é"}' });
  await rejectsWith(f({ url: `${base}/expired` }), (e) => {
    assert.equal(e.status, 400);
    assert.equal(e.action, 'give-up');
    assert.equal(JSON.parse(e.body ?? '{}').error, 'ExpiredToken');
  });
});

test('credentials are not forwarded to another origin on a redirect; a 303 turns a POST into a GET', async () => {
  const other: Array<{ method?: string; auth?: string }> = [];
  const elsewhere = await serve((req, res) => {
    other.push({ method: req.method, auth: req.headers.authorization });
    res.end('{}');
  });
  const base = await serve((_req, res) => {
    res.writeHead(303, { location: `${elsewhere.replace('127.0.0.1', 'localhost')}/landed` });
    res.end();
  });
  const f = createSafeFetch({ allowPrivateNetworks: true, resolver: async () => [{ address: '127.0.0.1', family: 4 }] });
  await f({ url: `${base}/post`, method: 'POST', headers: { authorization: 'Bearer secret' }, body: 'x' });
  assert.deepEqual(other, [{ method: 'GET', auth: undefined }]);
});
