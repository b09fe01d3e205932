import type { SourceDetail } from '../core/api/sources.ts';
import type { DailyCount, SourceDetails } from '../core/source-fetch.ts';
import { sourceView } from './presenters.ts';
import { renderReason } from '../core/messages.ts';
import type { Locale } from '../core/user.ts';
import { redactSecrets } from '../core/source-secrets.ts';

/** A source with its schedule and health, as GET …/sources/:sourceId returns it. */
export const sourceDetailView = (s: SourceDetails, itemsPerDay: readonly DailyCount[], locale: Locale): SourceDetail => ({
  ...sourceView(s, locale),
  errorCount: s.errorCount,
  disabledReason: s.disabledReason === null ? null : renderReason({ text: s.disabledReason, problem: s.disabledReasonProblem }, locale),
  fetchIntervalSeconds: s.fetchIntervalSeconds,
  nextFetchAt: s.nextFetchAt ? s.nextFetchAt.toISOString() : null,
  // Secrets never leave the server: only whether they are set.
  config: redactSecrets(s.config),
  itemsPerDay: itemsPerDay.map((d) => ({ day: d.day, count: d.count })),
});
