import type { WorkspaceRef } from '../../api/types.ts';
import { sectionPath } from '../../frame/sections.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Tabs } from '../../ui/tabs.tsx';
import { BrandEditor } from './brand-editor.tsx';
import { MembersPanel } from './members-panel.tsx';
import { PreferencesPanel } from './preferences-panel.tsx';
import { TokensPanel } from './tokens-panel.tsx';
import { AlertsPanel } from './alerts-panel.tsx';
import '../listen/alerts.css';
import { WebhooksPanel } from './webhooks-panel.tsx';
import { Page } from '../../ui/page.tsx';

const VIEWS = ['brand', 'members', 'alerts', 'webhooks', 'tokens', 'preferences'] as const;
type View = (typeof VIEWS)[number];

export const SettingsSection = ({ workspace, pathname }: { workspace: WorkspaceRef; pathname: string }) => {
  const { t } = useI18n();
  const base = sectionPath(workspace.id, 'settings');
  const last = pathname.split('/').filter(Boolean).at(-1);
  const view: View = VIEWS.find((v) => v === last) ?? 'brand';
  const to = (v: View) => (v === 'brand' ? base : `${base}/${v}`);
  return (
    <Page id="settings" title={t('settings.title')}>
      <Tabs label={t('settings.tabs')} tabs={VIEWS.map((v) => ({ to: to(v), label: t(`settings.tab.${v}`), current: v === view }))} />
      {view === 'brand' ? (
        <BrandEditor workspace={workspace} />
      ) : view === 'members' ? (
        <MembersPanel workspace={workspace} />
      ) : view === 'alerts' ? (
        <AlertsPanel workspace={workspace} />
      ) : view === 'webhooks' ? (
        <WebhooksPanel workspace={workspace} />
      ) : view === 'tokens' ? (
        <TokensPanel />
      ) : (
        <PreferencesPanel workspace={workspace} />
      )}
    </Page>
  );
};
