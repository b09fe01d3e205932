import { useState, type FormEvent } from 'react';
import * as api from '../../api/client.ts';
import type { Invitation, Role, WorkspaceRef } from '../../api/types.ts';
import { roles } from '../../../core/workspace.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSignedIn } from '../../session/session.tsx';
import { Alert } from '../../ui/alert.tsx';
import { CopyField } from '../../ui/copy-field.tsx';
import { errorText } from '../../ui/error-text.ts';
import { SelectField, TextField } from '../../ui/field.tsx';
import { Loading } from '../../ui/loading.tsx';
import { useResource, type Resource } from '../../ui/use-resource.ts';

const isRole = (v: string): v is Role => (roles as readonly string[]).includes(v);

/** The link an invited person opens; the token is only known right after the invitation is made. */
export const invitationLink = (origin: string, token: string): string =>
  `${origin}/invitations/accept?token=${encodeURIComponent(token)}`;

/** Members with their roles, and invitations by e-mail. Only owners change anything. */
export const MembersPanel = ({ workspace }: { workspace: WorkspaceRef }) => {
  const i18n = useI18n();
  const { t } = i18n;
  const { user } = useSignedIn();
  const isOwner = workspace.role === 'owner';
  const members = useResource(() => api.listMembers(workspace.id), [workspace.id]);
  const invitations = useResource(
    (): Promise<{ items: Invitation[] }> => (isOwner ? api.listInvitations(workspace.id) : Promise.resolve({ items: [] })),
    [workspace.id, isOwner],
  );
  const [error, setError] = useState<string | null>(null);

  const act = async (f: () => Promise<unknown>, after: () => void) => {
    setError(null);
    try {
      await f();
      after();
    } catch (e) {
      setError(errorText(i18n, e));
    }
  };

  return (
    <div className="stack-lg">
      {error ? <Alert kind="error">{error}</Alert> : null}
      <section aria-labelledby="members-title" className="card">
        <h2 id="members-title">{t('members.title')}</h2>
        {members.error ? (
          <Alert kind="error">{errorText(i18n, members.error)}</Alert>
        ) : !members.data ? (
          <Loading />
        ) : (
          <ul className="rows">
            {members.data.items.map((m) => {
              const me = m.userId === user.id;
              return (
                <li key={m.userId} className="row">
                  <div className="row-main">
                    <span className="row-title">
                      {m.name} {me ? <span className="muted">{t('members.you')}</span> : null}
                    </span>
                    <span className="muted small">{m.email}</span>
                  </div>
                  {isOwner && !me ? (
                    <>
                      <label className="visually-hidden" htmlFor={`role-${m.userId}`}>
                        {`${t('members.role')} — ${m.name}`}
                      </label>
                      <select
                        id={`role-${m.userId}`}
                        value={m.role}
                        onChange={(e) => {
                          const role = e.currentTarget.value;
                          if (isRole(role)) void act(() => api.patchMember(workspace.id, m.userId, { role }), members.reload);
                        }}
                      >
                        {roles.map((r) => (
                          <option key={r} value={r}>
                            {t(`role.${r}`)}
                          </option>
                        ))}
                      </select>
                      <button
                        type="button"
                        className="button danger-link"
                        onClick={() => {
                          if (window.confirm(t('members.removeConfirm', { name: m.name }))) {
                            void act(() => api.removeMember(workspace.id, m.userId), members.reload);
                          }
                        }}
                      >
                        {t('common.remove')}
                      </button>
                    </>
                  ) : (
                    <span className="badge">{t(`role.${m.role}`)}</span>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      {isOwner ? <Invitations workspaceId={workspace.id} invitations={invitations} onError={setError} /> : null}
    </div>
  );
};

const Invitations = ({
  workspaceId,
  invitations,
  onError,
}: {
  workspaceId: string;
  invitations: Resource<{ items: Invitation[] }>;
  onError(message: string | null): void;
}) => {
  const i18n = useI18n();
  const { t, relative } = i18n;
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const [created, setCreated] = useState<{ email: string; link: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const invite = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    onError(null);
    try {
      const res = await api.createInvitation(workspaceId, { email: email.trim(), role });
      setCreated({ email: res.email, link: invitationLink(window.location.origin, res.token) });
      setEmail('');
      invitations.reload();
    } catch (err) {
      onError(errorText(i18n, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="invitations-title" className="card">
      <h2 id="invitations-title">{t('invitations.title')}</h2>
      <form className="inline-form" onSubmit={invite}>
        <TextField label={t('invitations.email')} type="email" name="inviteEmail" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
        <SelectField
          label={t('invitations.role')}
          name="inviteRole"
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
          {t('invitations.submit')}
        </button>
      </form>
      {created ? (
        <div className="notice">
          <p>{t('invitations.created', { email: created.email })}</p>
          <CopyField label={t('invitations.linkLabel')} value={created.link} />
        </div>
      ) : null}
      <h3>{t('invitations.pending')}</h3>
      {invitations.error ? (
        <Alert kind="error">{errorText(i18n, invitations.error)}</Alert>
      ) : !invitations.data ? (
        <Loading />
      ) : invitations.data.items.length === 0 ? (
        <p className="muted">{t('invitations.none')}</p>
      ) : (
        <ul className="rows">
          {invitations.data.items.map((inv) => (
            <li key={inv.id} className="row">
              <div className="row-main">
                <span className="row-title">{inv.email}</span>
                <span className="muted small">
                  {t(`role.${inv.role}`)} · {t('invitations.expires', { when: relative(inv.expiresAt) })}
                </span>
              </div>
              <button
                type="button"
                className="button danger-link"
                onClick={async () => {
                  onError(null);
                  try {
                    await api.revokeInvitation(workspaceId, inv.id);
                    invitations.reload();
                  } catch (err) {
                    onError(errorText(i18n, err));
                  }
                }}
              >
                {t('common.revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
};
