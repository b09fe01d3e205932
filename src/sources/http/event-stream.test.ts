import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSseParser, openEventStream, type StreamEvent } from './event-stream.ts';
import { FetchError } from './safe-fetch.ts';

test('the SSE parser reads events split across chunks, CRLF, multi-line data, and skips comments', () => {
  const got: StreamEvent[] = [];
  const feed = createSseParser((e) => got.push(e));
  for (const chunk of [':thump\n', 'event: upd', 'ate\r\ndata: {"id":', '"1"}\r\n\r\n', 'event: delete\ndata: 42\n\n', 'data: a\ndata: b\n\n', 'event: empty\n\n']) feed(chunk);
  assert.deepEqual(got, [
    { event: 'update', data: '{"id":"1"}' },
    { event: 'delete', data: '42' },
    { event: 'message', data: 'a\nb' },
  ]);
});

test('a stream from a private address is refused unless allowed; a non-stream answer is a typed error', async () => {
  const server = createServer((req, res) => {
    if (req.url === '/stream') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: update\ndata: x\n\n');
      res.end();
    } else {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{}');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const signal = AbortSignal.timeout(5000);
    await assert.rejects(openEventStream({ url: `${base}/stream`, signal }), (e: unknown) => e instanceof FetchError && e.code === 'blocked-address');
    await assert.rejects(openEventStream({ url: `${base}/none`, signal, allowPrivateNetworks: true }), (e: unknown) => e instanceof FetchError && e.status === 404 && e.action === 'give-up');
    const events: StreamEvent[] = [];
    for await (const e of await openEventStream({ url: `${base}/stream`, signal, allowPrivateNetworks: true })) events.push(e);
    assert.deepEqual(events, [{ event: 'update', data: 'x' }]);
  } finally {
    server.close();
  }
});
