import type { MentionDraft, MentionMetrics } from '../../core/mention.ts';
import { collapseText, sanitizeForDisplay, sanitizedToText } from '../feed/html.ts';
import { commentSchema, postSchema, type RedditComment, type RedditPost } from './listing.ts';

/**
 * Reddit things → MentionDrafts (network 'reddit', ADR 0171).
 *   - The id is the thing's fullname (`t3_…`, `t1_…`): the same id Reddit's own `.rss` feeds give
 *     their entries, so a subreddit read first through its feed and then through the JSON
 *     listing is not stored twice.
 *   - Posts: the title, then the self text, make the text; `selftext_html` is sanitised for
 *     display; a link post's target URL is its first link.
 *   - Comments: `body_html` sanitised, the text read off it; `parent_id` is the reply reference
 *     and `link_id` the thread root (both fullnames, so they point at drafts of this network).
 *   - Author `u/NAME`, linking to the profile; the permalink on www.reddit.com.
 *   - The subreddit is kept as the community tag `r/NAME`, and Reddit's own markers as tags
 *     too: `nsfw` for `over_18`, `spoiler` for spoilers (stored, filterable and visible, where
 *     Reddit shows them as labels beside the title).
 *   - Score and comment count are the metrics.
 *   - Removed and deleted things are skipped: a post removed by moderators, Reddit or its author
 *     (`removed_by_category`), and a post or comment whose text is `[removed]`/`[deleted]`.
 */

export const REDDIT_WEB = 'https://www.reddit.com';

const GONE = new Set(['[removed]', '[deleted]']);

const httpUrl = (u: string | null | undefined): string | undefined => {
  if (!u) return undefined;
  try {
    const p = new URL(u, REDDIT_WEB);
    return p.protocol === 'http:' || p.protocol === 'https:' ? p.href : undefined;
  } catch {
    return undefined;
  }
};

const decodeAttr = (s: string): string => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

const anchors = (html: string): string[] => {
  const out: string[] = [];
  for (const m of html.matchAll(/<a\b[^>]*?\shref="([^"]+)"/g)) {
    const u = httpUrl(decodeAttr(m[1] ?? ''));
    if (u) out.push(u);
  }
  return out;
};

/** `u/name` mentions in the text (Reddit links them itself); handles as relais writes authors. */
const mentionsIn = (text: string): string[] => [...new Set([...text.matchAll(/(?:^|[^\w/])\/?u\/([A-Za-z0-9_-]{3,20})\b/g)].map((m) => `u/${m[1]}`))];

const tagsOf = (t: { subreddit: string; over_18?: boolean | null | undefined }, spoiler?: boolean | null): string[] => [
  `r/${t.subreddit}`,
  ...(t.over_18 ? ['nsfw'] : []),
  ...(spoiler ? ['spoiler'] : []),
];

const authorOf = (name: string) => ({ handle: `u/${name}`, url: `${REDDIT_WEB}/user/${encodeURIComponent(name)}/` });

const metricsOf = (score: number | null | undefined, comments?: number | null): MentionMetrics | undefined => {
  const m: { score?: number; replies?: number } = {};
  if (score != null) m.score = score;
  if (comments != null) m.replies = comments;
  return Object.keys(m).length > 0 ? m : undefined;
};

export type ThingOutcome = { readonly ok: true; readonly draft: MentionDraft } | { readonly ok: false; readonly reason: string };

export const postToDraft = (p: RedditPost): ThingOutcome => {
  if (p.removed_by_category) return { ok: false, reason: `${p.name} was removed (${p.removed_by_category})` };
  const self = (p.selftext ?? '').trim();
  if (GONE.has(self) || (p.author === '[deleted]' && self === '')) return { ok: false, reason: `${p.name} was deleted or removed` };
  const title = collapseText(p.title);
  const html = p.selftext_html ? sanitizeForDisplay(p.selftext_html, REDDIT_WEB) : '';
  const body = html ? sanitizedToText(html) : collapseText(self);
  const text = [title, body].filter(Boolean).join('\n\n');
  if (!text) return { ok: false, reason: `${p.name} has neither title nor text` };
  const target = p.is_self === false ? httpUrl(p.url) : undefined;
  const metrics = metricsOf(p.score, p.num_comments);
  return {
    ok: true,
    draft: {
      network: 'reddit',
      externalId: p.name,
      url: `${REDDIT_WEB}${p.permalink}`,
      author: authorOf(p.author),
      text,
      ...(html ? { html } : {}),
      ...(title ? { title } : {}),
      links: [...new Set([...(target ? [target] : []), ...anchors(html)])],
      hashtags: tagsOf(p, p.spoiler),
      mentions: mentionsIn(text),
      publishedAt: new Date(p.created_utc * 1000),
      ...(metrics ? { metrics } : {}),
    },
  };
};

export const commentToDraft = (c: RedditComment): ThingOutcome => {
  if (c.removed_by_category || GONE.has(c.body.trim())) return { ok: false, reason: `${c.name} was deleted or removed` };
  const html = c.body_html ? sanitizeForDisplay(c.body_html, REDDIT_WEB) : '';
  const text = html ? sanitizedToText(html) : collapseText(c.body);
  if (!text) return { ok: false, reason: `${c.name} has no text` };
  const title = c.link_title ? collapseText(c.link_title) : undefined;
  const metrics = metricsOf(c.score);
  return {
    ok: true,
    draft: {
      network: 'reddit',
      externalId: c.name,
      url: `${REDDIT_WEB}${c.permalink}`,
      author: authorOf(c.author),
      text,
      ...(html ? { html } : {}),
      ...(title ? { title } : {}),
      links: [...new Set(anchors(html))],
      hashtags: tagsOf(c),
      mentions: mentionsIn(text),
      publishedAt: new Date(c.created_utc * 1000),
      ...(c.parent_id ? { inReplyTo: c.parent_id } : {}),
      ...(c.link_id ? { threadRoot: c.link_id } : {}),
      ...(metrics ? { metrics } : {}),
    },
  };
};

export interface ThingsOutcome {
  readonly drafts: MentionDraft[];
  /** Things refused: malformed, of a kind relais does not read, removed or deleted. */
  readonly problems: string[];
  /** Fullname and creation time of every well-formed thing, in listing order (for the cursor). */
  readonly seen: ReadonlyArray<{ readonly name: string; readonly created: number }>;
}

/** A listing's children → drafts; a malformed child is skipped and counted, never a crash. */
export const thingsToDrafts = (children: ReadonlyArray<{ kind: string; data: unknown }>): ThingsOutcome => {
  const drafts: MentionDraft[] = [];
  const problems: string[] = [];
  const seen: Array<{ name: string; created: number }> = [];
  children.forEach((child, i) => {
    const schema = child.kind === 't3' ? postSchema : child.kind === 't1' ? commentSchema : undefined;
    if (!schema) {
      problems.push(`child ${i}: kind ${child.kind} is not a post or a comment`);
      return;
    }
    const parsed = schema.safeParse(child.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push(`child ${i}: ${issue ? `${issue.path.join('.') || child.kind}: ${issue.message}` : 'malformed'}`);
      return;
    }
    seen.push({ name: parsed.data.name, created: parsed.data.created_utc });
    const out = child.kind === 't3' ? postToDraft(parsed.data as RedditPost) : commentToDraft(parsed.data as RedditComment);
    if (out.ok) drafts.push(out.draft);
    else problems.push(`child ${i}: ${out.reason}`);
  });
  return { drafts, problems, seen };
};
