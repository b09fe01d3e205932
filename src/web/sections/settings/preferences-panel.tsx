import { useState, type FormEvent } from 'react';
import * as api from '../../api/client.ts';
import type { WorkspaceRef } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession, useSignedIn } from '../../session/session.tsx';
import { Alert } from '../../ui/alert.tsx';
import { errorText } from '../../ui/error-text.ts';
import { TextField } from '../../ui/field.tsx';
import { LocaleSelect } from '../../ui/locale-select.tsx';
import { navigate } from '../../router/router.tsx';
import { sectionPath } from '../../frame/sections.ts';

/** The user's name and language, and (for owners) the workspace name. */
export const PreferencesPanel = ({ workspace }: { workspace: WorkspaceRef }) => {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const { user } = useSignedIn();
  const [name, setName] = useState(user.name);
  const [wsName, setWsName] = useState(workspace.name);
  const [newName, setNewName] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);

  const run = async (f: () => Promise<void>) => {
    setMessage(null);
    try {
      await f();
      setMessage({ kind: 'success', text: t('common.saved') });
    } catch (e) {
      setMessage({ kind: 'error', text: errorText(i18n, e) });
    }
  };

  const saveName = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const res = await api.patchMe({ name: name.trim() });
      session.updateUser(res.user);
    });
  };

  const saveWorkspace = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const res = await api.patchWorkspace(workspace.id, { name: wsName.trim() });
      session.renameWorkspace(workspace.id, res.name);
    });
  };

  const createWorkspace = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const created = await api.createWorkspace({ name: newName.trim() });
      session.addWorkspace({ id: created.id, name: created.name, role: created.role });
      setNewName('');
      navigate(sectionPath(created.id, 'settings'));
    });
  };

  return (
    <div className="stack-lg narrow-col">
      <p className="lead">{t('prefs.intro')}</p>
      {message ? <Alert kind={message.kind}>{message.text}</Alert> : null}
      <div className="card stack">
        <LocaleSelect onChange={(l) => void run(() => session.changeLocale(l))} />
      </div>
      <form className="card inline-form" onSubmit={saveName}>
        <TextField label={t('prefs.name')} name="userName" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <button type="submit" className="button secondary">
          {t('common.save')}
        </button>
      </form>
      {workspace.role === 'owner' ? (
        <form className="card inline-form" onSubmit={saveWorkspace}>
          <TextField label={t('prefs.workspaceName')} name="workspaceName" required value={wsName} onChange={(e) => setWsName(e.currentTarget.value)} />
          <button type="submit" className="button secondary">
            {t('common.save')}
          </button>
        </form>
      ) : null}
      <form className="card inline-form" onSubmit={createWorkspace}>
        <TextField
          label={t('prefs.newWorkspace')}
          aria-describedby="new-workspace-note"
          name="newWorkspace"
          required
          value={newName}
          onChange={(e) => setNewName(e.currentTarget.value)}
        />
        <button type="submit" className="button secondary">
          {t('prefs.create')}
        </button>
        <p id="new-workspace-note" className="field-hint form-note">
          {t('prefs.newWorkspaceHint')}
        </p>
      </form>
    </div>
  );
};
