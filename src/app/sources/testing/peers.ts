/**
 * Test support: the local servers shaped like the networks (Mastodon, the Hacker News search
 * API) and the payloads they serve, for tests of the layers above app (http, web e2e), which
 * reach sources only through app.
 */
export { startFakeMastodon, type FakeMastodon, type FakeStatus } from '../../../sources/mastodon/testing/fake-mastodon.ts';
export { hasMastodonPayloads, MASTODON_PAYLOADS_MISSING, readObject, readPayload } from '../../../sources/mastodon/testing/payloads.ts';
export { searchByDate } from '../../../sources/hackernews/testing/algolia-fixtures.ts';
export { postViews, startFakeBluesky, type FakeBluesky } from '../../../sources/bluesky/testing/fake-appview.ts';
