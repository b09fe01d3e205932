import type { MentionDraft } from '../../core/mention.ts';
import { collapseText, sanitizeForDisplay, sanitizedToText } from '../feed/html.ts';
import { statusIdSchema, statusSchema, type MastodonBoostedStatus } from './status.schema.ts';

/**
 * Mastodon Status → MentionDraft (decisions in ADR 0090):
 *   - externalId is the status `uri` (the ActivityPub id, the same on every server that saw it);
 *   - a boost is the boosted status: the mention is what was said, by whom said it; the booster
 *     is not kept (its act shows in the boosted status's reblogs count). Two servers' boosts of
 *     one status therefore collapse into one mention;
 *   - the content warning (`spoiler_text`) becomes the title and also leads the text, so that
 *     analysis and queries see it (a CW often names the very topic: "CW: food poisoning");
 *   - handles are `@user@server`: `acct` has no server for the fetched server's own accounts,
 *     so the host of the account's URL (else the fetched server) is added;
 *   - links are the content's anchors that are not mentions or hashtags;
 *   - `inReplyTo` is the parent's id on the fetched server (the API gives no parent URI).
 */

export interface NormaliseIssue {
  readonly index: number;
  readonly id?: string;
  readonly reason: string;
}

export interface NormaliseResult {
  readonly drafts: readonly MentionDraft[];
  /** Payload items that were not a readable status: skipped, counted, reported. */
  readonly issues: readonly NormaliseIssue[];
  /** Every id the server returned (also of skipped items), for the since/min_id cursor. */
  readonly ids: readonly string[];
}

const hostOf = (u: string | null | undefined): string | undefined => {
  if (!u) return undefined;
  try {
    const p = new URL(u);
    return p.protocol === 'http:' || p.protocol === 'https:' ? p.host : undefined;
  } catch {
    return undefined;
  }
};

const httpUrl = (u: string | null | undefined): string | undefined => (hostOf(u) ? new URL(u as string).href : undefined);

/** `@user@server` for an `acct` that may lack its server. */
export const fullHandle = (acct: string, url: string | null | undefined, serverHost: string): string => {
  const bare = acct.replace(/^@/, '');
  return bare.includes('@') ? `@${bare}` : `@${bare}@${hostOf(url) ?? serverHost}`;
};

const primaryLang = (lang: string | null | undefined): string | undefined => {
  const p = (lang ?? '').split(/[-_]/)[0]?.toLowerCase() ?? '';
  return /^[a-z]{2,3}$/.test(p) ? p : undefined;
};

const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  const v = m?.[1] ?? m?.[2] ?? m?.[3];
  return v === undefined ? undefined : v.replace(/&amp;/g, '&');
};

/**
 * Anchors of the raw content that are neither mentions nor hashtags, deduplicated. Read before
 * sanitising, which drops the `class`/`rel` markers Mastodon puts on mention and tag links; only
 * absolute http(s) hrefs are kept, so nothing unsafe leaves this function.
 */
const contentLinks = (html: string, excluded: ReadonlySet<string>): string[] => {
  const out: string[] = [];
  for (const m of html.matchAll(/<a\b[^>]*>/gi)) {
    const tag = m[0];
    const cls = ` ${(attr(tag, 'class') ?? '').toLowerCase()} `;
    const rel = ` ${(attr(tag, 'rel') ?? '').toLowerCase()} `;
    if (cls.includes(' mention ') || cls.includes(' hashtag ') || rel.includes(' tag ')) continue;
    const href = httpUrl(attr(tag, 'href'));
    if (!href || excluded.has(href) || out.includes(href)) continue;
    out.push(href);
  }
  return out;
};

const toDraft = (s: MastodonBoostedStatus, serverHost: string): MentionDraft | string => {
  const published = new Date(s.created_at);
  if (Number.isNaN(published.getTime())) return `created_at is not a date: ${s.created_at}`;
  const url = httpUrl(s.url) ?? httpUrl(s.uri);
  const html = sanitizeForDisplay(s.content, url);
  const body = sanitizedToText(html);
  const cw = collapseText(s.spoiler_text ?? '');
  const excluded = new Set([...(s.mentions ?? []), ...(s.tags ?? [])].map((m) => httpUrl(m.url)).filter((u): u is string => u !== undefined));
  const authorUrl = httpUrl(s.account.url);
  const avatar = httpUrl(s.account.avatar);
  const name = collapseText(s.account.display_name ?? '');
  const lang = primaryLang(s.language);
  return {
    network: 'mastodon',
    externalId: s.uri,
    ...(url ? { url } : {}),
    author: {
      handle: fullHandle(s.account.acct, s.account.url, serverHost),
      ...(name ? { name } : {}),
      ...(authorUrl ? { url: authorUrl } : {}),
      ...(avatar ? { avatarUrl: avatar } : {}),
    },
    text: cw ? (body ? `${cw} ${body}` : cw) : body,
    ...(html ? { html } : {}),
    ...(cw ? { title: cw } : {}),
    links: contentLinks(s.content, excluded),
    hashtags: [...new Set((s.tags ?? []).map((t) => t.name.toLowerCase()))],
    mentions: [...new Set((s.mentions ?? []).map((m) => fullHandle(m.acct, m.url, serverHost)))],
    ...(lang ? { declaredLang: lang } : {}),
    publishedAt: published,
    ...(s.in_reply_to_id ? { inReplyTo: s.in_reply_to_id } : {}),
    metrics: {
      ...(s.replies_count != null ? { replies: s.replies_count } : {}),
      ...(s.reblogs_count != null ? { reposts: s.reblogs_count } : {}),
      ...(s.favourites_count != null ? { likes: s.favourites_count } : {}),
      ...(s.quotes_count != null ? { quotes: s.quotes_count } : {}),
    },
  };
};

const describeZod = (issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string =>
  issues.slice(0, 3).map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');

/**
 * Normalises a page of raw statuses. `serverHost` is the host of the server they came from
 * (for local accounts' handles). Duplicates (a status and a boost of it) keep the first.
 */
export const statusesToDrafts = (raw: readonly unknown[], serverHost: string): NormaliseResult => {
  const drafts: MentionDraft[] = [];
  const issues: NormaliseIssue[] = [];
  const ids: string[] = [];
  const seen = new Set<string>();
  raw.forEach((item, index) => {
    const idOnly = statusIdSchema.safeParse(item);
    if (idOnly.success) ids.push(idOnly.data.id);
    const parsed = statusSchema.safeParse(item);
    if (!parsed.success) {
      issues.push({ index, ...(idOnly.success ? { id: idOnly.data.id } : {}), reason: describeZod(parsed.error.issues) });
      return;
    }
    const draft = toDraft(parsed.data.reblog ?? parsed.data, serverHost);
    if (typeof draft === 'string') {
      issues.push({ index, id: parsed.data.id, reason: draft });
      return;
    }
    if (seen.has(draft.externalId)) return;
    seen.add(draft.externalId);
    drafts.push(draft);
  });
  return { drafts, issues, ids };
};

/** Snowflake ids are decimal strings: longer is newer, then lexical order. */
export const compareIds = (a: string, b: string): number => (a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0);

export const newestId = (ids: readonly string[], start?: string): string | undefined =>
  ids.reduce<string | undefined>((best, id) => (best === undefined || compareIds(id, best) > 0 ? id : best), start);
