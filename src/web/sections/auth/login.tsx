import { useState, type FormEvent } from 'react';
import * as api from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { navigate, useLocation } from '../../router/router.tsx';
import { useSession } from '../../session/session.tsx';
import { Alert } from '../../ui/alert.tsx';
import { errorText } from '../../ui/error-text.ts';
import { TextField } from '../../ui/field.tsx';
import { WelcomeLayout } from '../../ui/welcome-layout.tsx';

/**
 * Sign-in. A wrong e-mail and a wrong password get the same message, so the form
 * never tells whether an account exists.
 */
export const Login = () => {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const { pathname } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const s = await api.login({ email: email.trim(), password });
      if (pathname === '/login') navigate('/', { replace: true });
      session.signedIn(s);
    } catch (err) {
      const failed = api.isApiError(err) && ['unauthorized', 'bad-request', 'not-found', 'forbidden'].includes(err.code);
      setError(failed ? t('login.failed') : errorText(i18n, err));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <WelcomeLayout title={t('login.title')} intro={t('login.intro')}>
      <form className="stack" onSubmit={submit}>
        {error ? (
          <Alert kind="error">{error}</Alert>
        ) : session.state.status === 'anonymous' && session.state.expired ? (
          <Alert kind="info">{t('error.unauthorized')}</Alert>
        ) : null}
        <TextField
          label={t('login.email')}
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
        />
        <TextField
          label={t('login.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        <button type="submit" className="button primary wide" disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </WelcomeLayout>
  );
};
