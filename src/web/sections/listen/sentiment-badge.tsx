import type { Mention } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/** The label is written out, so the badge never relies on its colour alone. */
export const SentimentBadge = ({ sentiment }: { sentiment: NonNullable<Mention['sentiment']> }) => {
  const { t, number } = useI18n();
  const score = t('sentiment.score', { score: number(sentiment.score, 2) });
  return (
    <span className={`badge badge-sentiment sent-${sentiment.label}`} title={score}>
      <span className="sent-dot" aria-hidden="true" />
      {t(`sentiment.${sentiment.label}`)}
    </span>
  );
};
