/**
 * The content-balance check of the publishing calendar: the mix of classes over a
 * set of posts (say, the next four weeks) and whether it turns too commercial.
 * The default ceiling, a quarter promotional, follows the playbook's advice to be
 * interesting rather than commercial; a workspace may set its own.
 */
import { contentClasses, type ContentClass } from './classes.ts';

export interface ContentBalance {
  readonly total: number;
  readonly counts: Readonly<Record<ContentClass, number>>;
  readonly shares: Readonly<Record<ContentClass, number>>;
  readonly tooCommercial: boolean;
  /** Classes with no post at all in a mix of at least `minPostsForGaps` posts. */
  readonly missing: readonly ContentClass[];
}

export interface BalanceOptions {
  readonly maxPromotionalShare?: number;
  readonly minPostsForGaps?: number;
}

export const contentBalance = (labels: readonly ContentClass[], options: BalanceOptions = {}): ContentBalance => {
  const max = options.maxPromotionalShare ?? 0.25;
  const minPosts = options.minPostsForGaps ?? 8;
  const counts = Object.fromEntries(contentClasses.map((c) => [c, 0])) as Record<ContentClass, number>;
  for (const l of labels) counts[l]++;
  const total = labels.length;
  const shares = Object.fromEntries(contentClasses.map((c) => [c, total ? counts[c] / total : 0])) as Record<ContentClass, number>;
  return {
    total,
    counts,
    shares,
    tooCommercial: total > 0 && shares.promotional > max,
    missing: total >= minPosts ? contentClasses.filter((c) => counts[c] === 0) : [],
  };
};
