/**
 * An author on the workspace's watch list (its leaders, relays, press, partners)
 * mentioning the brand. Mentions by one watched author less than `quietMs` apart
 * are one episode: a leader posting a thread of six is one alert.
 * Handles compare case-folded without the leading `@`; a watched `name` without a
 * server matches `name@any.server` (as `author:@name` does in queries).
 */
import type { Alert } from './alert.ts';

export interface WatchedAuthor {
  readonly handle: string;
  /** Why they are watched (leader, relay, press, partner…), shown in the alert. */
  readonly role?: string;
  readonly priority?: 'normal' | 'high';
}

export interface AuthoredMention {
  readonly id: string;
  readonly author: string;
  readonly publishedAt: number | Date;
  readonly url?: string;
}

export interface WatchedAuthorOptions {
  readonly now: Date;
  readonly quietMs?: number;
}

const fold = (h: string): string => h.trim().replace(/^@/, '').toLowerCase();
const ms = (t: number | Date): number => (typeof t === 'number' ? t : t.getTime());

export const detectWatchedAuthors = (mentions: readonly AuthoredMention[], watchList: readonly WatchedAuthor[], options: WatchedAuthorOptions): Alert[] => {
  const quietMs = options.quietMs ?? 6 * 3_600_000;
  const now = options.now.getTime();
  const exact = new Map<string, WatchedAuthor>();
  for (const w of watchList) exact.set(fold(w.handle), w);
  const watchedOf = (author: string): WatchedAuthor | undefined => {
    const a = fold(author);
    const hit = exact.get(a);
    if (hit) return hit;
    const at = a.indexOf('@');
    const bare = at > 0 ? exact.get(a.slice(0, at)) : undefined;
    return bare && !fold(bare.handle).includes('@') ? bare : undefined;
  };
  const byWatched = new Map<WatchedAuthor, AuthoredMention[]>();
  for (const m of mentions) {
    if (ms(m.publishedAt) > now) continue;
    const w = watchedOf(m.author);
    if (!w) continue;
    const list = byWatched.get(w) ?? [];
    list.push(m);
    byWatched.set(w, list);
  }
  const out: Alert[] = [];
  for (const [w, list] of byWatched) {
    list.sort((a, b) => ms(a.publishedAt) - ms(b.publishedAt) || (a.id < b.id ? -1 : 1));
    let i = 0;
    while (i < list.length) {
      const first = list[i] as AuthoredMention;
      let j = i;
      while (j + 1 < list.length && ms((list[j + 1] as AuthoredMention).publishedAt) - ms((list[j] as AuthoredMention).publishedAt) <= quietMs) j++;
      const last = list[j] as AuthoredMention;
      const start = ms(first.publishedAt);
      const end = ms(last.publishedAt) + quietMs;
      const handle = fold(w.handle);
      out.push({
        kind: 'watched-author',
        key: `watched-author:${handle}:${start}`,
        severity: w.priority === 'high' ? 'warning' : 'info',
        startedAt: start,
        endedAt: end <= now ? end : null,
        peakAt: start,
        message: {
          key: 'alert.watched-author',
          params: { author: first.author, role: w.role ?? '', count: j - i + 1, mention: first.id, url: first.url ?? '' },
        },
      });
      i = j + 1;
    }
  }
  return out.sort((a, b) => a.startedAt - b.startedAt || (a.key < b.key ? -1 : 1));
};
