/**
 * Mentions waiting past the workspace's reply target. One alert per backlog
 * episode, not per message: a mention is overdue from `publishedAt + target`
 * until it is answered (or now); overlapping overdue stretches (closer than
 * `mergeMs`) form one episode. The ongoing episode reports how many mentions are
 * waiting now and the oldest wait; critical once the oldest waits twice the target.
 */
import type { Alert } from './alert.ts';

export interface AwaitingMention {
  readonly id: string;
  readonly publishedAt: number | Date;
  /** False for mentions that need no answer (ignored, or not a question or reply). */
  readonly needsReply: boolean;
  readonly answeredAt?: number | Date | null;
}

export interface ReplyOverdueOptions {
  readonly now: Date;
  readonly targetMs: number;
  readonly mergeMs?: number;
  readonly subject?: string;
}

const ms = (t: number | Date): number => (typeof t === 'number' ? t : t.getTime());

export const detectOverdueReplies = (mentions: readonly AwaitingMention[], options: ReplyOverdueOptions): Alert[] => {
  const now = options.now.getTime();
  const target = options.targetMs;
  const mergeMs = options.mergeMs ?? 0;
  const subject = options.subject ?? 'inbox';
  const stretches: { from: number; to: number; published: number; open: boolean }[] = [];
  for (const m of mentions) {
    if (!m.needsReply) continue;
    const published = ms(m.publishedAt);
    const answered = m.answeredAt == null ? null : ms(m.answeredAt);
    const from = published + target;
    const open = answered === null || answered > now;
    const to = open ? now : (answered as number);
    if (to > from) stretches.push({ from, to, published, open });
  }
  stretches.sort((a, b) => a.from - b.from || a.to - b.to);
  const out: Alert[] = [];
  let i = 0;
  while (i < stretches.length) {
    const first = stretches[i] as (typeof stretches)[number];
    let end = first.to;
    let oldest = first.published;
    let worstWait = first.to - first.published;
    let count = 1;
    let waiting = first.open ? 1 : 0;
    let j = i + 1;
    for (; j < stretches.length && (stretches[j] as (typeof stretches)[number]).from <= end + mergeMs; j++) {
      const s = stretches[j] as (typeof stretches)[number];
      end = Math.max(end, s.to);
      oldest = Math.min(oldest, s.published);
      worstWait = Math.max(worstWait, s.to - s.published);
      count++;
      if (s.open) waiting++;
    }
    const ongoing = waiting > 0;
    out.push({
      kind: 'reply-overdue',
      key: `reply-overdue:${subject}:${first.from}`,
      severity: worstWait >= 2 * target ? 'critical' : 'warning',
      startedAt: first.from,
      endedAt: ongoing ? null : end,
      peakAt: first.from,
      message: {
        key: 'alert.reply-overdue',
        params: {
          waiting: ongoing ? waiting : count,
          oldestHours: Math.round(((ongoing ? now : end) - oldest) / 360_000) / 10,
          targetHours: Math.round(target / 360_000) / 10,
          ongoing: ongoing ? 1 : 0,
        },
      },
    });
    i = j;
  }
  return out;
};
