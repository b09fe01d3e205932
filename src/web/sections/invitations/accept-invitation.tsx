import { useState, type FormEvent } from 'react';
import * as api from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { navigate, useLocation } from '../../router/router.tsx';
import { useSession } from '../../session/session.tsx';
import { Alert } from '../../ui/alert.tsx';
import { errorText } from '../../ui/error-text.ts';
import { TextField } from '../../ui/field.tsx';
import { WelcomeLayout } from '../../ui/welcome-layout.tsx';
import { MIN_PASSWORD } from '../setup/first-run.tsx';

/**
 * The page an invitation link opens (`/invitations/accept?token=…`). Signed in, one
 * click joins; otherwise a newcomer chooses a name and a password, and someone with
 * an account proves it with their password.
 */
export const AcceptInvitation = () => {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const { search } = useLocation();
  const token = search.get('token') ?? '';
  const current = session.state.status === 'signed-in' ? session.state.session.user : null;
  const [existing, setExisting] = useState(false);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!current && !existing && password.length < MIN_PASSWORD) {
      setError(t('setup.passwordTooShort'));
      return;
    }
    setBusy(true);
    try {
      const input = current ? { token } : existing ? { token, password } : { token, name: name.trim(), password };
      const s = await api.acceptInvitation(input);
      navigate('/', { replace: true });
      session.signedIn(s);
    } catch (err) {
      const gone = api.isApiError(err) && (err.code === 'not-found' || err.code === 'conflict');
      setError(gone ? t('invite.invalid') : errorText(i18n, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <WelcomeLayout title={t('invite.title')} intro={t('invite.intro')}>
      {!token ? (
        <Alert kind="error">{t('invite.missingToken')}</Alert>
      ) : (
        <form className="stack" onSubmit={submit}>
          {error ? <Alert kind="error">{error}</Alert> : null}
          {current ? (
            <p>{t('invite.signedInAs', { email: current.email })}</p>
          ) : (
            <>
              <label className="check">
                <input type="checkbox" checked={existing} onChange={(e) => setExisting(e.currentTarget.checked)} />
                <span>{t('invite.existingAccount')}</span>
              </label>
              {existing ? null : (
                <TextField label={t('setup.name')} name="name" autoComplete="name" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
              )}
              <TextField
                label={t('setup.password')}
                name="password"
                type="password"
                autoComplete={existing ? 'current-password' : 'new-password'}
                required
                hint={existing ? t('invite.existingHint') : t('setup.passwordHint')}
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
              />
            </>
          )}
          <button type="submit" className="button primary wide" disabled={busy}>
            {t('invite.submit')}
          </button>
        </form>
      )}
    </WelcomeLayout>
  );
};
