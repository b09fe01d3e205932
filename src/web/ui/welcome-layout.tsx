import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session/session.tsx';
import { LocaleSelect } from './locale-select.tsx';

/** The frame of the screens before the application: first run, sign-in, invitation. */
export const WelcomeLayout = ({ title, intro, children }: { title: string; intro: string; children: ReactNode }) => {
  const { t } = useI18n();
  const session = useSession();
  return (
    <div className="welcome">
      <header className="welcome-top">
        <span className="logo" aria-hidden="true">
          <span className="logo-mark" />
          {t('app.name')}
        </span>
        <LocaleSelect compact onChange={(l) => void session.changeLocale(l).catch(() => undefined)} />
      </header>
      <main id="main" className="welcome-main">
        <div className="card welcome-card">
          <h1>{title}</h1>
          <p className="lead">{intro}</p>
          {children}
        </div>
        <p className="welcome-tagline">{t('app.tagline')}</p>
      </main>
    </div>
  );
};
