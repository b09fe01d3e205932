import { z } from 'zod';
import type { MentionDraft } from '../../core/mention.ts';
import { statusesToDrafts, type NormaliseResult } from './normalise.ts';

/**
 * Notifications of a connected account → MentionDrafts (ADR 0122):
 *   - `mention` (replies included: a reply mentions its parent's author) and `quote`: the
 *     status that mentions or quotes the brand is the mention;
 *   - `favourite` and `reblog`: nobody said anything new, so there is no new text to analyse.
 *     The notification carries the brand's own status with its current counts; that status is
 *     emitted as a draft, so it is stored once (the brand's post, with its favourites and
 *     boosts) and, when already stored, only its counts are refreshed by the ingest pipeline;
 *   - other types (follow, poll, update, admin…) are not mentions and are passed over.
 * Every notification id moves the cursor, also of skipped and unreadable ones.
 */

export const notificationSchema = z.object({
  id: z.string(),
  type: z.string(),
  status: z.unknown().optional(),
});

const withStatus = new Set(['mention', 'quote', 'favourite', 'reblog']);

export const notificationsToDrafts = (raw: readonly unknown[], serverHost: string): NormaliseResult => {
  const ids: string[] = [];
  const statuses: unknown[] = [];
  const positions: number[] = [];
  const issues: { index: number; id?: string; reason: string }[] = [];
  raw.forEach((item, index) => {
    const n = notificationSchema.safeParse(item);
    if (!n.success) {
      issues.push({ index, reason: 'not a notification' });
      return;
    }
    ids.push(n.data.id);
    if (!withStatus.has(n.data.type)) return;
    if (n.data.status === undefined || n.data.status === null) {
      issues.push({ index, id: n.data.id, reason: `${n.data.type} notification without its status` });
      return;
    }
    statuses.push(n.data.status);
    positions.push(index);
  });
  const r = statusesToDrafts(statuses, serverHost);
  const drafts: MentionDraft[] = [...r.drafts];
  for (const i of r.issues) issues.push({ index: positions[i.index] ?? i.index, ...(i.id ? { id: i.id } : {}), reason: i.reason });
  return { drafts, issues, ids };
};
