import { blueskyConfigSchema, type BlueskySourceConfig } from './bluesky.source.ts';

/**
 * A stored Bluesky source → the connector's config. `config.mode` says which: `search` (with
 * `q`; `search` is accepted for `q`, as the demo stores it), `notifications` (the source's URL
 * is the account's PDS unless `config.service` names it) or `firehose`. Secrets
 * (`appPassword`) arrive decrypted by app/.
 */
export const blueskyConfigFromStored = (url: string | null, config: Readonly<Record<string, unknown>>): BlueskySourceConfig | string => {
  const c: Record<string, unknown> = { ...config };
  if (c['mode'] === undefined && typeof c['search'] === 'string') c['mode'] = 'search';
  if (c['mode'] === 'search' && c['q'] === undefined && typeof c['search'] === 'string') c['q'] = c['search'];
  delete c['search'];
  if ((c['mode'] === 'notifications' || c['mode'] === 'search') && c['service'] === undefined && url) c['service'] = url;
  const parsed = blueskyConfigSchema.safeParse(c);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    return `Bluesky source config: ${i?.path.join('.') ?? ''} ${i?.message ?? ''}`.replace(/\s+/g, ' ').trim();
  }
  return parsed.data;
};
