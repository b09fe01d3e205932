import type { MentionDraft, MentionMetrics } from '../../core/mention.ts';
import { collapseText, sanitizeForDisplay, sanitizedToText } from '../feed/html.ts';
import { hitSchema, type Hit } from './hit.ts';

/**
 * Algolia HN hits → MentionDrafts (network 'hackernews'). Ids are `hn:<item id>` so replies
 * (`parent_id`) and threads (`story_id`) point at drafts of the same network. HN comment and
 * Ask HN bodies are HTML (`<p>`, `<a>`, `<i>`, `<pre><code>`, entities): the text for analysis
 * has the markup removed, the display HTML is sanitised.
 */

export const HN_ITEM = 'https://news.ycombinator.com/item?id=';
export const HN_USER = 'https://news.ycombinator.com/user?id=';

export const hnId = (id: string | number): string => `hn:${id}`;

const decodeAttr = (s: string): string => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

const httpUrl = (u: string | null | undefined): string | undefined => {
  if (!u) return undefined;
  try {
    const p = new URL(u);
    return p.protocol === 'http:' || p.protocol === 'https:' ? p.href : undefined;
  } catch {
    return undefined;
  }
};

/** Absolute http(s) links of sanitised HTML (sanitize-html always double-quotes attributes). */
const anchors = (html: string): string[] => {
  const out: string[] = [];
  for (const m of html.matchAll(/<a\b[^>]*?\shref="([^"]+)"/g)) {
    const u = httpUrl(decodeAttr(m[1] ?? ''));
    if (u) out.push(u);
  }
  return out;
};

const isComment = (hit: Hit): boolean =>
  hit._tags.includes('comment') || (!hit._tags.includes('story') && hit.comment_text != null && hit.title == null);

const publishedAt = (hit: Hit): Date => {
  const fromIso = hit.created_at ? new Date(hit.created_at) : undefined;
  return fromIso && !Number.isNaN(fromIso.getTime()) ? fromIso : new Date(hit.created_at_i * 1000);
};

const metricsOf = (hit: Hit): MentionMetrics | undefined => {
  const m: { score?: number; replies?: number } = {};
  if (hit.points != null) m.score = hit.points;
  if (hit.num_comments != null) m.replies = hit.num_comments;
  return Object.keys(m).length > 0 ? m : undefined;
};

export type NormaliseOutcome = { readonly ok: true; readonly draft: MentionDraft } | { readonly ok: false; readonly reason: string };

/** One validated hit → a draft, or the reason it carries nothing to listen to (deleted comment, empty story). */
export const hitToDraft = (hit: Hit): NormaliseOutcome => {
  const common = {
    network: 'hackernews' as const,
    externalId: hnId(hit.objectID),
    url: `${HN_ITEM}${hit.objectID}`,
    author: { handle: hit.author, url: `${HN_USER}${encodeURIComponent(hit.author)}` },
    hashtags: [] as string[],
    mentions: [] as string[],
    publishedAt: publishedAt(hit),
  };
  const metrics = metricsOf(hit);
  if (isComment(hit)) {
    const body = hit.comment_text ?? '';
    const html = sanitizeForDisplay(body);
    // One HTML parse per hit: the text is read off the sanitised HTML (ADR 0095, measured).
    const text = sanitizedToText(html);
    if (!text) return { ok: false, reason: `comment ${hit.objectID} has no text` };
    const title = hit.story_title ? collapseText(hit.story_title) : undefined;
    return {
      ok: true,
      draft: {
        ...common,
        text,
        html,
        ...(title ? { title } : {}),
        links: [...new Set(anchors(html))],
        ...(hit.parent_id != null ? { inReplyTo: hnId(hit.parent_id) } : {}),
        ...(hit.story_id != null ? { threadRoot: hnId(hit.story_id) } : {}),
        ...(metrics ? { metrics } : {}),
      },
    };
  }
  const title = hit.title ? collapseText(hit.title) : '';
  const bodyHtml = hit.story_text ? sanitizeForDisplay(hit.story_text) : '';
  const bodyText = bodyHtml ? sanitizedToText(bodyHtml) : '';
  const text = [title, bodyText].filter(Boolean).join('\n\n');
  if (!text) return { ok: false, reason: `story ${hit.objectID} has neither title nor text` };
  const storyUrl = httpUrl(hit.url);
  return {
    ok: true,
    draft: {
      ...common,
      text,
      ...(bodyHtml ? { html: bodyHtml } : {}),
      ...(title ? { title } : {}),
      links: [...new Set([...(storyUrl ? [storyUrl] : []), ...anchors(bodyHtml)])],
      ...(metrics ? { metrics } : {}),
    },
  };
};

export interface HitsOutcome {
  readonly drafts: MentionDraft[];
  /** Hits refused: malformed at the edge, or empty (deleted). Counted, never fatal. */
  readonly skipped: number;
  readonly problems: string[];
  /** The newest `created_at_i` among well-formed hits: a malformed hit never moves the cursor. */
  readonly newest: number | undefined;
  /** The oldest `created_at_i` among well-formed hits (where a capped window stopped). */
  readonly oldest: number | undefined;
}

/** Raw hits (unknown JSON) → drafts; a malformed hit is skipped and counted, never a crash. */
export const hitsToDrafts = (raw: readonly unknown[]): HitsOutcome => {
  const drafts: MentionDraft[] = [];
  const problems: string[] = [];
  let newest: number | undefined;
  let oldest: number | undefined;
  raw.forEach((value, i) => {
    const parsed = hitSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push(`hit ${i}: ${issue ? `${issue.path.join('.') || 'hit'}: ${issue.message}` : 'malformed'}`);
      return;
    }
    if (newest === undefined || parsed.data.created_at_i > newest) newest = parsed.data.created_at_i;
    if (oldest === undefined || parsed.data.created_at_i < oldest) oldest = parsed.data.created_at_i;
    const out = hitToDraft(parsed.data);
    if (out.ok) drafts.push(out.draft);
    else problems.push(`hit ${i}: ${out.reason}`);
  });
  return { drafts, skipped: problems.length, problems, newest, oldest };
};
