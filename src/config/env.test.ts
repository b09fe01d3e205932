import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, defaultJetstreamUrl, defaultPlcUrl, loadConfig } from './env.ts';

test('the Bluesky firehose endpoint: Bluesky public Jetstream by default, another one, or off', () => {
  assert.equal(loadConfig({}).blueskyJetstreamUrl, defaultJetstreamUrl);
  assert.equal(loadConfig({ RELAIS_BLUESKY_JETSTREAM_URL: 'ws://127.0.0.1:6008/subscribe' }).blueskyJetstreamUrl, 'ws://127.0.0.1:6008/subscribe');
  assert.equal(loadConfig({ RELAIS_BLUESKY_JETSTREAM_URL: 'off' }).blueskyJetstreamUrl, null);
  assert.throws(
    () => loadConfig({ RELAIS_BLUESKY_JETSTREAM_URL: 'https://jetstream.example/subscribe' }),
    (e: unknown) => e instanceof ConfigError && e.problems.some((p) => p.startsWith('RELAIS_BLUESKY_JETSTREAM_URL')),
  );
});

test('the PLC directory of firehose authors: the public one by default, another one, or off', () => {
  assert.equal(loadConfig({}).blueskyPlcUrl, defaultPlcUrl);
  assert.equal(loadConfig({ RELAIS_BLUESKY_PLC_URL: 'http://127.0.0.1:2582' }).blueskyPlcUrl, 'http://127.0.0.1:2582');
  assert.equal(loadConfig({ RELAIS_BLUESKY_PLC_URL: 'off' }).blueskyPlcUrl, null);
  assert.throws(
    () => loadConfig({ RELAIS_BLUESKY_PLC_URL: 'plc.directory' }),
    (e: unknown) => e instanceof ConfigError && e.problems.some((p) => p.startsWith('RELAIS_BLUESKY_PLC_URL')),
  );
});
