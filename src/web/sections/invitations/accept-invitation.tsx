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
 * The page an invitation link opens (`/invitations/accept?token=…`). Someone new
 * chooses a name and a password; someone already signed in just accepts.
 */
export const AcceptInvitation = () => {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const { search } = useLocation();
  const token = search.get('token') ?? '';
  const signedIn = session.state.status === 'signed-in';
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!signedIn && password.length < MIN_PASSWORD) {
      setError(t('setup.passwordTooShort'));
      return;
    }
    setBusy(true);
    try {
      const s = await api.acceptInvitation(signedIn ? { token } : { token, name: name.trim(), password });
      navigate('/', { replace: true });
      session.signedIn(s);
    } catch (err) {
      setError(api.isApiError(err) && (err.code === 'not-found' || err.code === 'conflict') ? t('invite.invalid') : errorText(i18n, err));
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
          {signedIn ? null : (
            <>
              <TextField label={t('setup.name')} name="name" autoComplete="name" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
              <TextField
                label={t('setup.password')}
                name="password"
                type="password"
                autoComplete="new-password"
                required
                minLength={MIN_PASSWORD}
                hint={t('setup.passwordHint')}
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
              />
              <p className="muted">{t('invite.existingAccount')}</p>
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
