import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession, useSignedIn } from '../session/session.tsx';
import { Icon } from '../ui/icons.tsx';
import { LocaleSelect } from '../ui/locale-select.tsx';

/** The user's menu: who is signed in, the language, sign-out. Closes on Escape or a click outside. */
export const UserMenu = () => {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const session = useSession();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  const initials = user.name
    .split(/\s+/)
    .filter((w) => /^\p{L}/u.test(w))
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');

  return (
    <div className="user-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="user-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={t('frame.userMenu', { name: user.name })}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="avatar" aria-hidden="true">
          {initials || '·'}
        </span>
        <span className="user-name">{user.name}</span>
        <Icon name="chevron" size={16} />
      </button>
      <div id={panelId} className="menu-panel" hidden={!open}>
        <p className="muted small">{t('frame.signedInAs', { email: user.email })}</p>
        {/* The new language applies at once; if saving it to the profile fails, the next sign-in simply restores the old one. */}
        <LocaleSelect onChange={(l) => void session.changeLocale(l).catch(() => undefined)} />
        <button type="button" className="button secondary wide" onClick={() => void session.signOut()}>
          {t('frame.logout')}
        </button>
      </div>
    </div>
  );
};
