import type { MentionDraft, MentionMetrics } from '../../core/mention.ts';
import {
  embedExternalSchema,
  embedRecordSchema,
  embedRecordWithMediaSchema,
  linkFeature,
  mentionFeature,
  postRecordSchema,
  tagFeature,
  type PostRecord,
} from './record.schema.ts';
import { handleHintOf, isDid, isHandle, isLanguage, isRecordKey, parseRecordUri, postUri, postWebUrl, profileWebUrl, POST_COLLECTION } from './syntax.ts';

/**
 * A Bluesky post record → MentionDraft (decisions in ADR 0110):
 *   - externalId is the post's AT URI `at://DID/app.bsky.feed.post/RKEY`: the same whether it
 *     came from the firehose, search or a notification, so ingest deduplicates across them;
 *   - url is the post's page on bsky.app by DID (it outlives a change of handle);
 *   - the author is the DID, whatever path brought the post (ADR 0280): the firehose carries only
 *     DIDs, and search and notifications carry both, so one person is one author everywhere. The
 *     handle a view gave goes along as `handleHint` (the network's word, not a verified handle:
 *     never stored as the author nor shown; `handle.invalid`, the AppView's word for a handle
 *     that failed its check, is dropped);
 *   - facets become links (link features), mentions (the `@handle` text the mention facet
 *     covers, by UTF-8 byte offsets; the DID when that text is not a handle) and hashtags (tag
 *     features plus the record's extra `tags`, lower-cased, without `#`);
 *   - an external embed's URL is a link; a quoted post (embed record or recordWithMedia) is a
 *     link to its bsky.app page, so `site:bsky.app` and the stored links show what was quoted;
 *   - reply.parent → inReplyTo, reply.root → threadRoot (AT URIs);
 *   - the first of `langs` gives the declared language (primary subtag).
 * A record that fails validation is an issue (skipped, counted by the caller), never a throw.
 */

export interface PostInput {
  readonly did: string;
  readonly rkey: string;
  readonly record: unknown;
  readonly handle?: string;
  readonly displayName?: string;
  readonly avatar?: string;
  readonly metrics?: MentionMetrics;
}

export type NormaliseOutcome =
  | { readonly ok: true; readonly draft: MentionDraft; /** AT URI of the quoted post, if any. */ readonly quotes?: string }
  | { readonly ok: false; readonly reason: string };

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

const httpUrl = (u: string): string | undefined => {
  if (!u.startsWith('http://') && !u.startsWith('https://')) return undefined;
  try {
    return new URL(u).href;
  } catch {
    return undefined;
  }
};

/** bsky.app page of a post given by its AT URI, or undefined when the URI is not a post's. */
export const webUrlOfPostUri = (uri: string): string | undefined => {
  const p = parseRecordUri(uri);
  return p && p.collection === POST_COLLECTION ? postWebUrl(p.authority, p.rkey) : undefined;
};

const primaryLang = (langs: readonly string[] | undefined): string | undefined => {
  const first = langs?.[0];
  if (!first || !isLanguage(first)) return undefined;
  const p = first.split('-')[0]?.toLowerCase() ?? '';
  return /^[a-z]{2,3}$/.test(p) ? p : undefined;
};

const describe = (issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string =>
  issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('; ');

const quotedUri = (embed: PostRecord['embed']): string | undefined => {
  if (!embed) return undefined;
  if (embed.$type === 'app.bsky.embed.record') return embedRecordSchema.safeParse(embed).data?.record.uri;
  if (embed.$type === 'app.bsky.embed.recordWithMedia') return embedRecordWithMediaSchema.safeParse(embed).data?.record.record.uri;
  return undefined;
};

interface Facets {
  readonly links: string[];
  readonly mentions: string[];
  readonly tags: string[];
}

const readFacets = (record: PostRecord): Facets => {
  const links: string[] = [];
  const mentions: string[] = [];
  const tags: string[] = [];
  let bytes: Uint8Array | undefined;
  for (const facet of record.facets ?? []) {
    for (const feature of facet.features) {
      if (feature.$type === 'app.bsky.richtext.facet#link') {
        const f = linkFeature.safeParse(feature);
        const u = f.success ? httpUrl(f.data.uri) : undefined;
        if (u && !links.includes(u)) links.push(u);
      } else if (feature.$type === 'app.bsky.richtext.facet#mention') {
        const f = mentionFeature.safeParse(feature);
        if (!f.success || !isDid(f.data.did)) continue;
        bytes ??= encoder.encode(record.text);
        const { byteStart, byteEnd } = facet.index;
        const covered = byteEnd > byteStart && byteEnd <= bytes.length ? decoder.decode(bytes.subarray(byteStart, byteEnd)) : '';
        const handle = covered.startsWith('@') ? covered.slice(1).toLowerCase() : '';
        const who = isHandle(handle) ? handle : f.data.did;
        if (!mentions.includes(who)) mentions.push(who);
      } else if (feature.$type === 'app.bsky.richtext.facet#tag') {
        const f = tagFeature.safeParse(feature);
        const t = f.success ? f.data.tag.replace(/^#/, '').toLowerCase() : '';
        if (t && !tags.includes(t)) tags.push(t);
      }
    }
  }
  for (const extra of record.tags ?? []) {
    const t = extra.replace(/^#/, '').toLowerCase();
    if (t && !tags.includes(t)) tags.push(t);
  }
  return { links, mentions, tags };
};

export const postToDraft = (input: PostInput): NormaliseOutcome => {
  if (!isDid(input.did)) return { ok: false, reason: `not a DID: ${input.did.slice(0, 80)}` };
  if (!isRecordKey(input.rkey)) return { ok: false, reason: `not a record key: ${input.rkey.slice(0, 80)}` };
  const parsed = postRecordSchema.safeParse(input.record);
  if (!parsed.success) return { ok: false, reason: describe(parsed.error.issues) };
  const record = parsed.data;
  // createdAt is set by the author's client: read leniently (any date JavaScript reads), since
  // a post with a sloppy date is still a post; an unreadable one is skipped.
  const published = Date.parse(record.createdAt);
  if (Number.isNaN(published)) return { ok: false, reason: `createdAt is not a date: ${record.createdAt.slice(0, 40)}` };

  const handleHint = handleHintOf(input.handle);
  const who = input.did;
  const { links, mentions, tags } = readFacets(record);
  if (record.embed?.$type === 'app.bsky.embed.external') {
    const e = embedExternalSchema.safeParse(record.embed);
    const u = e.success ? httpUrl(e.data.external.uri) : undefined;
    if (u && !links.includes(u)) links.push(u);
  }
  const quoted = quotedUri(record.embed);
  const quotedUrl = quoted ? webUrlOfPostUri(quoted) : undefined;
  if (quotedUrl && !links.includes(quotedUrl)) links.push(quotedUrl);

  const lang = primaryLang(record.langs);
  const name = input.displayName?.trim();
  const avatar = input.avatar ? httpUrl(input.avatar) : undefined;
  return {
    ok: true,
    draft: {
      network: 'bluesky',
      externalId: postUri(input.did, input.rkey),
      url: postWebUrl(who, input.rkey),
      author: {
        handle: who,
        ...(handleHint ? { handleHint } : {}),
        ...(name ? { name } : {}),
        url: profileWebUrl(who),
        ...(avatar ? { avatarUrl: avatar } : {}),
      },
      text: record.text,
      links,
      hashtags: tags,
      mentions,
      ...(lang ? { declaredLang: lang } : {}),
      publishedAt: new Date(published),
      ...(record.reply ? { inReplyTo: record.reply.parent.uri, threadRoot: record.reply.root.uri } : {}),
      ...(input.metrics ? { metrics: input.metrics } : {}),
    },
    ...(quoted ? { quotes: quoted } : {}),
  };
};
