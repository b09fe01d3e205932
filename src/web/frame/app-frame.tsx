/**
 * The application frame: header (workspace switcher, user menu), the section
 * navigation, and the section the URL names (`/w/:workspaceId/:section/…`).
 */
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, matchPath, navigate, useLocation } from '../router/router.tsx';
import { ComingSoon } from '../sections/coming/coming-soon.tsx';
import { PeopleSection } from '../sections/people/people-section.tsx';
import { ListenSection } from '../sections/listen/listen-section.tsx';
import { ReportsSection } from '../sections/reports/reports-section.tsx';
import { SettingsSection } from '../sections/settings/settings-section.tsx';
import { useSignedIn } from '../session/session.tsx';
import { Icon } from '../ui/icons.tsx';
import { Loading } from '../ui/loading.tsx';
import { isSection, SECTIONS, sectionIcon, sectionLabel, sectionPath, type SectionId } from './sections.ts';
import { UserMenu } from './user-menu.tsx';
import { WorkspaceSwitcher } from './workspace-switcher.tsx';

const LAST_WORKSPACE = 'relais.workspace';

const rememberedWorkspace = (): string | null => {
  try {
    return window.localStorage.getItem(LAST_WORKSPACE);
  } catch {
    return null;
  }
};

export const AppFrame = () => {
  const { t } = useI18n();
  const { workspaces } = useSignedIn();
  const { pathname } = useLocation();
  const params = matchPath('/w/:workspaceId/:section/*', pathname) ?? matchPath('/w/:workspaceId', pathname);
  const workspace = workspaces.find((w) => w.id === params?.workspaceId);
  const section: SectionId | undefined = isSection(params?.section) ? params.section : undefined;

  // Any other address (/, /login, an unknown workspace or section) lands on Listen of a workspace the user has.
  useEffect(() => {
    if (workspace && section) {
      try {
        window.localStorage.setItem(LAST_WORKSPACE, workspace.id);
      } catch {
        // Not remembering the workspace is harmless.
      }
      return;
    }
    const fallback = workspace ?? workspaces.find((w) => w.id === rememberedWorkspace()) ?? workspaces[0];
    if (fallback) navigate(sectionPath(fallback.id, section ?? 'listen'), { replace: true });
  }, [workspace, section, workspaces]);

  // Moving to another section moves focus to its heading, so a screen reader announces the new page.
  // Not on the first render: the page has only just loaded and the browser announces it already.
  const firstSection = useRef(true);
  useEffect(() => {
    if (!section) return;
    if (firstSection.current) {
      firstSection.current = false;
      return;
    }
    const heading = document.querySelector<HTMLElement>('#main h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
  }, [section, workspace?.id]);

  useEffect(() => {
    if (section) document.title = `${t(sectionLabel(section))} · ${workspace?.name ?? ''} · relais`;
  }, [section, workspace, t]);

  if (workspaces.length === 0) {
    return (
      <div className="center-screen">
        <div className="card narrow">
          <p>{t('error.forbidden')}</p>
        </div>
      </div>
    );
  }
  if (!workspace || !section) {
    return (
      <div className="center-screen">
        <Loading />
      </div>
    );
  }

  return (
    <div className="frame">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <Link to={sectionPath(workspace.id, 'listen')} className="logo">
          <span className="logo-mark" aria-hidden="true" />
          {t('app.name')}
        </Link>
        <WorkspaceSwitcher workspaceId={workspace.id} section={section} />
        <span className="topbar-spacer" />
        <UserMenu />
      </header>
      <div className="layout">
        <nav className="sidebar" aria-label={t('frame.mainNav')}>
          <ul>
            {SECTIONS.map((id) => (
              <li key={id}>
                <Link to={sectionPath(workspace.id, id)} className="nav-link" aria-current={id === section ? 'page' : undefined}>
                  <Icon name={sectionIcon(id)} />
                  <span>{t(sectionLabel(id))}</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" className="content" tabIndex={-1}>
          {section === 'listen' ? (
            <ListenSection key={workspace.id} workspace={workspace} pathname={pathname} />
          ) : section === 'reports' ? (
            <ReportsSection key={workspace.id} workspace={workspace} />
          ) : section === 'people' ? (
            <PeopleSection key={workspace.id} workspace={workspace} />
          ) : section === 'settings' ? (
            <SettingsSection key={workspace.id} workspace={workspace} pathname={pathname} />
          ) : (
            <ComingSoon section={section} />
          )}
        </main>
      </div>
    </div>
  );
};
