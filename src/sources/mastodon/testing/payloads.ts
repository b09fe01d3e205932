import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The Mastodon API documentation's JSON examples in the shared data set
 * (`<repo>/../shared/data/social-api-payloads/mastodon`, see its SOURCE.md). Tests skip with
 * `MASTODON_PAYLOADS_MISSING` when the folder is absent.
 */
const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));
export const MASTODON_PAYLOADS = join(repoRoot, '..', 'shared', 'data', 'social-api-payloads', 'mastodon');
export const hasMastodonPayloads = existsSync(join(MASTODON_PAYLOADS, 'INDEX.tsv'));
export const MASTODON_PAYLOADS_MISSING = 'the Mastodon API examples (../shared/data/social-api-payloads/mastodon) are absent';

export const readPayload = (file: string): unknown => JSON.parse(readFileSync(join(MASTODON_PAYLOADS, file), 'utf8'));

/** A fresh copy of a payload that is a JSON object. */
export const readObject = (file: string): Record<string, unknown> => {
  const v = readPayload(file);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${file} is not a JSON object`);
  return v as Record<string, unknown>;
};
