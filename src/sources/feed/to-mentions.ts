import type { MentionDraft } from '../../core/mention.ts';
import type { ParsedFeed, ParsedItem } from './parse.ts';

/**
 * ParsedFeed → MentionDrafts (network 'rss'). A feed item's author is often missing: the
 * feed's title stands in, then the feed's host, so every draft has a handle.
 */

const decodeAttr = (s: string): string => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

/** Absolute http(s) links of the sanitised HTML (sanitize-html always double-quotes attributes). */
const linksOf = (item: ParsedItem): string[] => {
  const out = new Set<string>();
  if (item.link) out.add(item.link);
  for (const m of (item.html ?? '').matchAll(/<a\b[^>]*?\shref="([^"]+)"/g)) {
    const href = decodeAttr(m[1] ?? '');
    if (/^https?:\/\//i.test(href)) out.add(href);
  }
  for (const e of item.enclosures) out.add(e.url);
  return [...out];
};

const hostOf = (url: string): string | undefined => {
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
};

const primaryLanguage = (tag: string | undefined): string | undefined => {
  const p = tag?.split(/[-_]/)[0]?.toLowerCase();
  return p && /^[a-z]{2,3}$/.test(p) ? p : undefined;
};

export const feedToMentions = (feed: ParsedFeed, fetchedAt: Date, feedUrl?: string): MentionDraft[] => {
  const fallbackHandle = feed.title || hostOf(feed.link) || (feedUrl ? hostOf(feedUrl) : undefined) || 'feed';
  const lang = primaryLanguage(feed.language);
  return feed.items.map((item): MentionDraft => ({
    network: 'rss',
    externalId: item.id,
    ...(item.link ? { url: item.link } : {}),
    author: item.author ? { handle: item.author, name: item.author } : { handle: fallbackHandle, ...(feed.link ? { url: feed.link } : {}) },
    // A title-only item (common in link feeds) is still something to read and match.
    text: item.text || item.title,
    ...(item.html ? { html: item.html } : {}),
    ...(item.title ? { title: item.title } : {}),
    links: linksOf(item),
    hashtags: item.categories.filter((c) => /^[\p{L}\p{N}_]+$/u.test(c)).map((c) => c.toLowerCase()),
    mentions: [],
    ...(lang ? { declaredLang: lang } : {}),
    publishedAt: item.published ?? item.updated ?? fetchedAt,
  }));
};
