import type { WorkspaceRef } from '../../api/types.ts';
import { sectionPath } from '../../frame/sections.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Tabs } from '../../ui/tabs.tsx';
import { useResource } from '../../ui/use-resource.ts';
import * as api from '../../api/client.ts';
import { MentionsView } from './mentions-view.tsx';
import { QueriesView } from './queries-view.tsx';
import { SourcesView } from './sources-view.tsx';
import { AlertsView } from './alerts-view.tsx';
import { TrendsView } from './trends-view.tsx';
import { Page } from '../../ui/page.tsx';

type View = 'mentions' | 'sources' | 'queries' | 'trends' | 'alerts';
const subViews = ['sources', 'queries', 'trends', 'alerts'] as const;

/** Listen: the mentions of the workspace, and the sources and queries that bring them. */
export const ListenSection = ({ workspace, pathname }: { workspace: WorkspaceRef; pathname: string }) => {
  const { t } = useI18n();
  const base = sectionPath(workspace.id, 'listen');
  const view: View = subViews.find((v) => pathname.endsWith(`/${v}`)) ?? 'mentions';
  // The open count on the tab, refreshed when the view changes (an alert acknowledged there shows on return).
  const open = useResource(() => api.listAlerts(workspace.id, { status: 'open', limit: 1 }), [workspace.id, view]);
  const openCount = open.data?.open ?? 0;
  return (
    <Page id="listen" title={t('listen.title')} intro={t('listen.intro')}>
      <Tabs
        label={t('listen.tabs')}
        tabs={[
          { to: base, label: t('listen.tab.mentions'), current: view === 'mentions' },
          { to: `${base}/sources`, label: t('listen.tab.sources'), current: view === 'sources' },
          { to: `${base}/queries`, label: t('listen.tab.queries'), current: view === 'queries' },
          { to: `${base}/trends`, label: t('listen.tab.trends'), current: view === 'trends' },
          { to: `${base}/alerts`, label: openCount > 0 ? t('listen.tab.alertsOpen', { count: openCount }) : t('listen.tab.alerts'), current: view === 'alerts' },
        ]}
      />
      {view === 'mentions' ? (
        <MentionsView workspaceId={workspace.id} />
      ) : view === 'sources' ? (
        <SourcesView workspaceId={workspace.id} canEdit={workspace.role !== 'viewer'} />
      ) : view === 'queries' ? (
        <QueriesView workspaceId={workspace.id} canEdit={workspace.role !== 'viewer'} />
      ) : view === 'trends' ? (
        <TrendsView workspaceId={workspace.id} />
      ) : (
        <AlertsView workspaceId={workspace.id} canEdit={workspace.role !== 'viewer'} />
      )}
    </Page>
  );
};
