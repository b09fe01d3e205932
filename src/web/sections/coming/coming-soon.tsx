import type { MessageKey } from '../../i18n/i18n.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Icon } from '../../ui/icons.tsx';
import { sectionLabel } from '../../frame/sections.ts';

type Planned = 'inbox' | 'publish' | 'people' | 'community' | 'reports';

const plans: Record<Planned, readonly MessageKey[]> = {
  inbox: ['coming.inbox.1', 'coming.inbox.2', 'coming.inbox.3'],
  publish: ['coming.publish.1', 'coming.publish.2', 'coming.publish.3'],
  people: ['coming.people.1', 'coming.people.2', 'coming.people.3'],
  community: ['coming.community.1', 'coming.community.2', 'coming.community.3'],
  reports: ['coming.reports.1', 'coming.reports.2', 'coming.reports.3'],
};

/** A section that is not built yet says so, and what it will do; it shows no made-up data. */
export const ComingSoon = ({ section }: { section: Planned }) => {
  const { t } = useI18n();
  const name = t(sectionLabel(section));
  return (
    <section className="page coming" aria-labelledby="coming-title">
      <div className="coming-art" aria-hidden="true">
        <Icon name={section} size={40} />
      </div>
      <span className="badge badge-soon">{t('coming.badge')}</span>
      <h1 id="coming-title">{t('coming.title', { section: name })}</h1>
      <p className="lead">{t('coming.honest')}</p>
      <ul className="plan">
        {plans[section].map((k) => (
          <li key={k}>{t(k)}</li>
        ))}
      </ul>
    </section>
  );
};
