import { z } from 'zod';

/**
 * AppView answers relais reads (lexicons app.bsky.feed.searchPosts and
 * app.bsky.notification.listNotifications). Unknown fields are allowed; the record inside is
 * validated by normalise.ts, so one bad post is skipped without failing the page.
 */

const authorSchema = z
  .object({
    did: z.string(),
    handle: z.string(),
    displayName: z.string().optional(),
    avatar: z.string().optional(),
  })
  .loose();

export const postViewSchema = z
  .object({
    uri: z.string(),
    cid: z.string().optional(),
    author: authorSchema,
    record: z.unknown(),
    replyCount: z.number().int().nonnegative().optional(),
    repostCount: z.number().int().nonnegative().optional(),
    likeCount: z.number().int().nonnegative().optional(),
    quoteCount: z.number().int().nonnegative().optional(),
    indexedAt: z.string(),
  })
  .loose();

export const searchPostsSchema = z
  .object({
    posts: z.array(z.unknown()),
    cursor: z.string().optional(),
    hitsTotal: z.number().optional(),
  })
  .loose();

export const notificationReasons = ['like', 'repost', 'follow', 'mention', 'reply', 'quote', 'starterpack-joined', 'verified', 'unverified', 'like-via-repost', 'repost-via-repost', 'subscribed-post'] as const;

export const notificationSchema = z
  .object({
    uri: z.string(),
    cid: z.string().optional(),
    author: authorSchema,
    /** Open set: the lexicon lists known values, and new ones appear. */
    reason: z.string(),
    reasonSubject: z.string().optional(),
    record: z.unknown(),
    isRead: z.boolean().optional(),
    indexedAt: z.string(),
  })
  .loose();

export const listNotificationsSchema = z
  .object({
    notifications: z.array(z.unknown()),
    cursor: z.string().optional(),
    seenAt: z.string().optional(),
  })
  .loose();

export type PostView = z.infer<typeof postViewSchema>;
export type NotificationView = z.infer<typeof notificationSchema>;
