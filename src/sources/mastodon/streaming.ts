import type { StreamEvent } from '../http/event-stream.ts';
import { mastodonNotificationTypes, type MastodonSourceConfig } from './mastodon.source.ts';
import { statusesToDrafts, type NormaliseResult } from './normalise.ts';
import { notificationsToDrafts } from './notifications.ts';

/**
 * Mastodon's streaming API over Server-Sent Events (ADR 0123): which stream a source can follow
 * and what each event becomes. The statuses go through the same normalisation as polled ones.
 *   - hashtag → `GET /api/v1/streaming/hashtag?tag=<tag>` (`update` events carry a Status);
 *   - notifications → `GET /api/v1/streaming/user/notification` with the account's token
 *     (`notification` events carry a Notification);
 *   - search and account have no stream: they are polled only.
 * `delete` carries the id of a status that was deleted.
 */

/**
 * The streams a source follows: one per tag of a hashtag source (the streaming API takes one
 * tag per stream; a status carrying several of them arrives on each, and ingest stores it once),
 * the notifications of a connected account; none for search and account sources.
 */
export const streamUrls = (config: MastodonSourceConfig): string[] => {
  const base = new URL(config.server.endsWith('/') ? config.server : `${config.server}/`);
  if (config.mode === 'hashtag') {
    const tags = [config.value ?? '', ...(config.anyTags ?? [])].map((t) => t.trim().replace(/^#/, '')).filter(Boolean);
    return [...new Set(tags.map((t) => t.toLowerCase()))].map((tag) => {
      const u = new URL('api/v1/streaming/hashtag', base);
      u.searchParams.set('tag', tag);
      return u.href;
    });
  }
  if (config.mode === 'notifications' && config.accessToken) return [new URL('api/v1/streaming/user/notification', base).href];
  return [];
};

export type StreamItem =
  | ({ readonly kind: 'items' } & NormaliseResult)
  | { readonly kind: 'delete'; readonly id: string }
  | { readonly kind: 'ignored'; readonly event: string; readonly reason?: string };

const parse = (data: string): unknown => {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
};

export const streamEventToItem = (e: StreamEvent, config: MastodonSourceConfig, serverHost: string): StreamItem => {
  if (e.event === 'delete') return /^\w{1,64}$/.test(e.data.trim()) ? { kind: 'delete', id: e.data.trim() } : { kind: 'ignored', event: e.event, reason: 'not a status id' };
  if (e.event === 'update' && config.mode === 'hashtag') {
    const payload = parse(e.data);
    if (payload === undefined) return { kind: 'ignored', event: e.event, reason: 'not JSON' };
    return { kind: 'items', ...statusesToDrafts([payload], serverHost) };
  }
  if (e.event === 'notification' && config.mode === 'notifications') {
    const payload = parse(e.data);
    if (payload === undefined) return { kind: 'ignored', event: e.event, reason: 'not JSON' };
    const type = (payload as { type?: unknown }).type;
    const wanted: readonly string[] = config.types ?? mastodonNotificationTypes;
    if (typeof type !== 'string' || !wanted.includes(type)) return { kind: 'ignored', event: e.event, reason: `type ${String(type)}` };
    return { kind: 'items', ...notificationsToDrafts([payload], serverHost) };
  }
  return { kind: 'ignored', event: e.event };
};
