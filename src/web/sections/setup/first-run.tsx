import { useState, type FormEvent } from 'react';
import * as api from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { navigate } from '../../router/router.tsx';
import { useSession } from '../../session/session.tsx';
import { Alert } from '../../ui/alert.tsx';
import { errorText } from '../../ui/error-text.ts';
import { TextField } from '../../ui/field.tsx';
import { WelcomeLayout } from '../../ui/welcome-layout.tsx';

/** The server's rule (core/api/common.ts), checked here first to answer at once. */
export const MIN_PASSWORD = 10;

/** First run of a fresh instance: the first administrator and the first workspace, in one form. */
export const FirstRun = () => {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const session = useSession();
  const [form, setForm] = useState({ name: '', email: '', password: '', workspaceName: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [passwordError, setPasswordError] = useState<string | null>(null);

  const set = (key: keyof typeof form) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setForm((f) => ({ ...f, [key]: value }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (form.password.length < MIN_PASSWORD) {
      setPasswordError(t('setup.passwordTooShort'));
      return;
    }
    setPasswordError(null);
    setBusy(true);
    try {
      const s = await api.postSetup({
        name: form.name.trim(),
        email: form.email.trim(),
        password: form.password,
        workspaceName: form.workspaceName.trim(),
        locale,
      });
      navigate('/', { replace: true });
      session.signedIn(s);
    } catch (err) {
      setError(errorText(i18n, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <WelcomeLayout title={t('setup.title')} intro={t('setup.intro')}>
      <form className="stack" onSubmit={submit}>
        {error ? <Alert kind="error">{error}</Alert> : null}
        <TextField label={t('setup.name')} name="name" autoComplete="name" required value={form.name} onChange={set('name')} />
        <TextField
          label={t('setup.email')}
          name="email"
          type="email"
          autoComplete="email"
          required
          value={form.email}
          onChange={set('email')}
        />
        <TextField
          label={t('setup.password')}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint={t('setup.passwordHint')}
          error={passwordError}
          value={form.password}
          onChange={set('password')}
        />
        <TextField
          label={t('setup.workspaceName')}
          name="workspaceName"
          required
          hint={t('setup.workspaceHint')}
          value={form.workspaceName}
          onChange={set('workspaceName')}
        />
        <button type="submit" className="button primary wide" disabled={busy}>
          {busy ? t('setup.submitting') : t('setup.submit')}
        </button>
      </form>
    </WelcomeLayout>
  );
};
