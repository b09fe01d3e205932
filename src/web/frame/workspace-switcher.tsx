import { useId } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate } from '../router/router.tsx';
import { useSignedIn } from '../session/session.tsx';
import { sectionPath, type SectionId } from './sections.ts';

/** Switching workspace keeps the current section, so "Listen" stays "Listen". */
export const WorkspaceSwitcher = ({ workspaceId, section }: { workspaceId: string; section: SectionId }) => {
  const { t } = useI18n();
  const { workspaces } = useSignedIn();
  const id = useId();
  if (workspaces.length <= 1) {
    return <span className="workspace-name">{workspaces[0]?.name}</span>;
  }
  return (
    <div className="workspace-switcher">
      <label htmlFor={id} className="visually-hidden">
        {t('frame.workspace')}
      </label>
      <select id={id} value={workspaceId} onChange={(e) => navigate(sectionPath(e.currentTarget.value, section))}>
        {workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
    </div>
  );
};
