import { z } from 'zod';
import { maxFetchIntervalSeconds, minFetchIntervalSeconds } from '../source-fetch.ts';
import { sourceViewSchema } from './listen.ts';
import { isoDateSchema } from './common.ts';

/** Source kinds a user can add through the API (ADR 0121): each has its own fields. */
export const addableKinds = ['rss', 'reddit', 'mastodon', 'hackernews', 'bluesky'] as const;
export type AddableKind = (typeof addableKinds)[number];
/** Kinds whose source is a feed URL. */
export const feedKinds = ['rss', 'reddit'] as const;

const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((s) => /^https?:\/\/[^\s]+$/i.test(s) && URL.canParse(s), 'must be an http(s) URL');

const interval = z.number().int().min(minFetchIntervalSeconds).max(maxFetchIntervalSeconds);
const sourceName = z.string().trim().min(1).max(120);
const terms = z.string().trim().min(1, 'must not be empty').max(500);
/** A secret as the user pastes it; sealed before it is stored, never returned. */
const secret = z.string().trim().min(1, 'must not be empty').max(2000);

/** The notification types relais reads (replies arrive as `mention` notifications). */
export const mastodonNotificationTypes = ['mention', 'reblog', 'favourite', 'quote'] as const;

const mastodonModes = (token: z.ZodType<string | undefined>) =>
  z.discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('hashtag'), hashtag: z.string().trim().regex(/^#?[\p{L}\p{N}_]{1,100}$/u, 'a hashtag is letters, digits and underscores') }),
    // `service`: another AppView than Bluesky's public one (a self-hosted or a test one).
    z.strictObject({ mode: z.literal('search'), q: terms, service: httpUrl.optional() }),
    z.strictObject({ mode: z.literal('account'), account: z.string().trim().regex(/^@?[A-Za-z0-9_.-]+(@[A-Za-z0-9.-]+\.[A-Za-z]{2,})?$/, 'an account is user or user@server') }),
    z.strictObject({ mode: z.literal('notifications'), accessToken: token, types: z.array(z.enum(mastodonNotificationTypes)).min(1).max(4).optional() }),
  ]);

const redditConfig = z.union([
  z.strictObject({ subreddit: z.string().trim().regex(/^(\/?r\/)?[A-Za-z0-9_]{2,21}$/, 'a subreddit name is 2 to 21 letters, digits or underscores') }),
  z.strictObject({ query: terms }),
]);

const hackerNewsConfig = z.strictObject({ query: terms });

const blueskyModes = (password: z.ZodType<string | undefined>) =>
  z.discriminatedUnion('mode', [
    // `service`: another AppView than Bluesky's public one (a self-hosted or a test one).
    z.strictObject({ mode: z.literal('search'), q: terms, service: httpUrl.optional() }),
    z.strictObject({
      mode: z.literal('notifications'),
      service: httpUrl,
      identifier: z.string().trim().min(3).max(253),
      appPassword: password,
    }),
    z.strictObject({ mode: z.literal('firehose') }),
  ]);

/** Each kind's config, as given when a source is added (secrets required) or changed (secrets kept when absent). */
export const sourceConfigSchemas = {
  create: { mastodon: mastodonModes(secret), reddit: redditConfig, hackernews: hackerNewsConfig, bluesky: blueskyModes(secret) },
  update: { mastodon: mastodonModes(secret.optional()), reddit: redditConfig, hackernews: hackerNewsConfig, bluesky: blueskyModes(secret.optional()) },
} as const;
export type MastodonConfigInput = z.infer<typeof sourceConfigSchemas.create.mastodon>;
export type BlueskyConfigInput = z.infer<typeof sourceConfigSchemas.create.bluesky>;
export type RedditConfigInput = z.infer<typeof redditConfig>;

const common = { name: sourceName.optional(), fetchIntervalSeconds: interval.optional() };

/**
 * What defines a source, by kind: a feed URL; a subreddit or a search on Reddit (or its feed
 * URL); a Mastodon server and what to read there; Hacker News search terms (and, optionally,
 * another search API root); a Bluesky search, account or the firehose.
 */
export const sourceDefinitionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('rss'), url: httpUrl, ...common }),
  z
    .strictObject({ kind: z.literal('reddit'), url: httpUrl.optional(), config: redditConfig.optional(), ...common })
    .refine((b) => (b.url === undefined) !== (b.config === undefined), { message: 'give either url (a Reddit feed) or config (a subreddit or a search), not both', path: ['config'] }),
  z.strictObject({ kind: z.literal('mastodon'), url: httpUrl.describe('the Mastodon server, e.g. https://mastodon.social'), config: sourceConfigSchemas.create.mastodon, ...common }),
  z.strictObject({ kind: z.literal('hackernews'), url: httpUrl.optional().describe('another search API root (a mirror)'), config: hackerNewsConfig, ...common }),
  z.strictObject({ kind: z.literal('bluesky'), config: sourceConfigSchemas.create.bluesky, ...common }),
]);
export type SourceDefinition = z.infer<typeof sourceDefinitionSchema>;

export const sourcePreviewBodySchema = sourceDefinitionSchema;
export type SourcePreviewBody = SourceDefinition;

export const sourcePreviewSchema = z.object({
  /** The feed that was read (the URL given, or the feed a web page advertised), or the endpoint. */
  feedUrl: z.string(),
  title: z.string(),
  /** The connected account, when the source reads one (its token was verified). */
  account: z.object({ handle: z.string(), name: z.string(), url: z.string().nullable() }).optional(),
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      url: z.string().nullable(),
      author: z.string(),
      text: z.string(),
      publishedAt: isoDateSchema,
    }),
  ),
});
export type SourcePreview = z.infer<typeof sourcePreviewSchema>;

export const createSourceBodySchema = sourceDefinitionSchema;
export type CreateSourceBody = SourceDefinition;

export const updateSourceBodySchema = z.strictObject({
  name: sourceName.optional(),
  /** Pause or resume; resuming a disabled source clears its error streak. */
  status: z.enum(['active', 'paused']).optional(),
  fetchIntervalSeconds: interval.optional(),
  /** A new URL (feed, server); the fetch cursor starts over. */
  url: httpUrl.optional(),
  /** A new config for the source's kind; a secret left out is kept. The fetch cursor starts over unless only a secret changed. */
  config: z.record(z.string(), z.unknown()).optional(),
});
export type UpdateSourceBody = z.infer<typeof updateSourceBodySchema>;

export const sourceParams = z.object({ workspaceId: z.string(), sourceId: z.string() });

export const sourceDetailSchema = sourceViewSchema.extend({
  errorCount: z.number().int(),
  disabledReason: z.string().nullable(),
  fetchIntervalSeconds: z.number().int(),
  nextFetchAt: isoDateSchema.nullable(),
  /** The kind's settings; secrets show only as `{ "set": true }`. */
  config: z.record(z.string(), z.unknown()),
  /** Mentions stored per UTC day over the last 14 days, oldest first. */
  itemsPerDay: z.array(z.object({ day: z.string(), count: z.number().int() })),
});
export type SourceDetail = z.infer<typeof sourceDetailSchema>;

export const fetchRequestedSchema = z.object({ sourceId: z.string(), queued: z.boolean() });
