/** The top of the interface: which screen the session state and the URL call for. */
import { AppFrame } from './frame/app-frame.tsx';
import { useI18n } from './i18n/i18n.tsx';
import { matchPath, useLocation } from './router/router.tsx';
import { AcceptInvitation } from './sections/invitations/accept-invitation.tsx';
import { Login } from './sections/auth/login.tsx';
import { FirstRun } from './sections/setup/first-run.tsx';
import { useSession } from './session/session.tsx';
import { Alert } from './ui/alert.tsx';
import { errorText } from './ui/error-text.ts';
import { Loading } from './ui/loading.tsx';

export const App = () => {
  const session = useSession();
  const i18n = useI18n();
  const { pathname } = useLocation();
  const { state } = session;
  const invitation = matchPath('/invitations/accept', pathname) !== null;

  switch (state.status) {
    case 'loading':
      return (
        <div className="center-screen">
          <Loading />
        </div>
      );
    case 'unreachable':
      return (
        <div className="center-screen">
          <div className="card narrow">
            <Alert kind="error">{errorText(i18n, state.error)}</Alert>
            <button type="button" className="button" onClick={session.retry}>
              {i18n.t('common.retry')}
            </button>
          </div>
        </div>
      );
    case 'setup':
      return <FirstRun />;
    case 'anonymous':
      return invitation ? <AcceptInvitation /> : <Login />;
    case 'signed-in':
      return invitation ? <AcceptInvitation /> : <AppFrame />;
  }
};
