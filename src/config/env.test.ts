import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, defaultJetstreamUrl, loadConfig } from './env.ts';

test('the Bluesky firehose endpoint: Bluesky public Jetstream by default, another one, or off', () => {
  assert.equal(loadConfig({}).blueskyJetstreamUrl, defaultJetstreamUrl);
  assert.equal(loadConfig({ RELAIS_BLUESKY_JETSTREAM_URL: 'ws://127.0.0.1:6008/subscribe' }).blueskyJetstreamUrl, 'ws://127.0.0.1:6008/subscribe');
  assert.equal(loadConfig({ RELAIS_BLUESKY_JETSTREAM_URL: 'off' }).blueskyJetstreamUrl, null);
  assert.throws(
    () => loadConfig({ RELAIS_BLUESKY_JETSTREAM_URL: 'https://jetstream.example/subscribe' }),
    (e: unknown) => e instanceof ConfigError && e.problems.some((p) => p.startsWith('RELAIS_BLUESKY_JETSTREAM_URL')),
  );
});
