import { useState, type FormEvent } from 'react';
import * as api from '../../api/client.ts';
import type { Role } from '../../api/types.ts';
import { roles } from '../../../core/workspace.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSignedIn } from '../../session/session.tsx';
import { Alert } from '../../ui/alert.tsx';
import { CopyField } from '../../ui/copy-field.tsx';
import { errorText } from '../../ui/error-text.ts';
import { SelectField, TextField } from '../../ui/field.tsx';
import { Loading } from '../../ui/loading.tsx';
import { useResource } from '../../ui/use-resource.ts';

const isRole = (v: string): v is Role => (roles as readonly string[]).includes(v);

/** Personal API tokens: created for one workspace and a role, shown once, revocable. */
export const TokensPanel = () => {
  const i18n = useI18n();
  const { t, relative } = i18n;
  const { workspaces } = useSignedIn();
  const tokens = useResource(() => api.listTokens(), []);
  const [name, setName] = useState('');
  const [workspaceId, setWorkspaceId] = useState(workspaces[0]?.id ?? '');
  const [role, setRole] = useState<Role>('viewer');
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const workspaceName = (id: string) => workspaces.find((w) => w.id === id)?.name ?? id;

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setCreated(null);
    try {
      const res = await api.createToken({ name: name.trim(), workspaceId, role });
      setCreated(res.token);
      setName('');
      tokens.reload();
    } catch (err) {
      setError(errorText(i18n, err));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (id: string, tokenName: string) => {
    if (!window.confirm(t('tokens.revokeConfirm', { name: tokenName }))) return;
    setError(null);
    try {
      await api.revokeToken(id);
      tokens.reload();
    } catch (err) {
      setError(errorText(i18n, err));
    }
  };

  return (
    <div className="stack-lg">
      <p className="lead">{t('tokens.intro')}</p>
      {error ? <Alert kind="error">{error}</Alert> : null}
      <form className="card inline-form" onSubmit={create}>
        <TextField label={t('tokens.name')} name="tokenName" required placeholder={t('tokens.namePlaceholder')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <SelectField label={t('tokens.workspace')} name="tokenWorkspace" value={workspaceId} onChange={(e) => setWorkspaceId(e.currentTarget.value)}>
          {workspaces.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('tokens.role')}
          name="tokenRole"
          value={role}
          onChange={(e) => {
            const v = e.currentTarget.value;
            if (isRole(v)) setRole(v);
          }}
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button primary" disabled={busy}>
          {t('tokens.create')}
        </button>
      </form>
      {created ? (
        <div className="notice" role="status">
          <p>{t('tokens.createdOnce')}</p>
          <CopyField label={t('tokens.value')} value={created} />
        </div>
      ) : null}
      <section className="card" aria-label={t('settings.tab.tokens')}>
        {tokens.error ? (
          <Alert kind="error">{errorText(i18n, tokens.error)}</Alert>
        ) : !tokens.data ? (
          <Loading />
        ) : tokens.data.items.length === 0 ? (
          <p className="muted">{t('tokens.none')}</p>
        ) : (
          <ul className="rows">
            {tokens.data.items.map((tok) => (
              <li key={tok.id} className="row">
                <div className="row-main">
                  <span className="row-title">{tok.name}</span>
                  <span className="muted small">
                    {workspaceName(tok.workspaceId)} · {t(`role.${tok.role}`)} · {t('tokens.created', { when: relative(tok.createdAt) })} ·{' '}
                    {t('tokens.lastUsed', { when: tok.lastUsedAt ? relative(tok.lastUsedAt) : t('common.never') })}
                  </span>
                </div>
                <button type="button" className="button danger-link" onClick={() => void revoke(tok.id, tok.name)}>
                  {t('common.revoke')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
};
