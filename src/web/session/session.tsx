/**
 * Who is signed in. The app asks the server once at start (setup needed? a session?)
 * and every screen reads the answer from here. The interface language follows the
 * user's profile; changing it saves it there.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import * as api from '../api/client.ts';
import type { Session, User, WorkspaceRef } from '../api/types.ts';
import { useI18n, type Locale } from '../i18n/i18n.tsx';

export type SessionState =
  | { status: 'loading' }
  | { status: 'unreachable'; error: unknown }
  | { status: 'setup' }
  /** `expired`: a session ended under the user's feet, which the sign-in screen says. */
  | { status: 'anonymous'; expired?: boolean }
  | { status: 'signed-in'; session: Session };

export interface SessionApi {
  state: SessionState;
  /** After setup, login or accepting an invitation. */
  signedIn(session: Session): void;
  signOut(): Promise<void>;
  /** Change the interface language; saved in the profile when signed in. */
  changeLocale(locale: Locale): Promise<void>;
  updateUser(user: User): void;
  renameWorkspace(workspaceId: string, name: string): void;
  addWorkspace(workspace: WorkspaceRef): void;
  retry(): void;
}

const SessionContext = createContext<SessionApi | null>(null);

export const SessionProvider = ({ children }: { children: ReactNode }) => {
  const { setLocale } = useI18n();
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const { needsSetup } = await api.getSetup();
        if (!live) return;
        if (needsSetup) return setState({ status: 'setup' });
        const session = await api.getMe();
        if (!live) return;
        setLocale(session.user.locale);
        setState({ status: 'signed-in', session });
      } catch (e) {
        if (!live) return;
        if (api.isApiError(e) && e.code === 'unauthorized') setState({ status: 'anonymous' });
        else setState({ status: 'unreachable', error: e });
      }
    })();
    return () => {
      live = false;
    };
  }, [attempt, setLocale]);

  // Any request that finds the session gone brings the sign-in screen back, at the same address.
  useEffect(() => {
    api.setUnauthorizedHandler(() => setState((s) => (s.status === 'signed-in' ? { status: 'anonymous', expired: true } : s)));
    return () => api.setUnauthorizedHandler(null);
  }, []);

  const signedIn = useCallback(
    (session: Session) => {
      setLocale(session.user.locale);
      setState({ status: 'signed-in', session });
    },
    [setLocale],
  );

  const value = useMemo<SessionApi>(
    () => ({
      state,
      signedIn,
      async signOut() {
        try {
          await api.logout();
        } finally {
          setState({ status: 'anonymous' });
        }
      },
      async changeLocale(locale) {
        setLocale(locale);
        if (state.status !== 'signed-in') return;
        const { user } = await api.patchMe({ locale });
        setState({ status: 'signed-in', session: { ...state.session, user } });
      },
      updateUser(user) {
        if (state.status === 'signed-in') setState({ status: 'signed-in', session: { ...state.session, user } });
      },
      addWorkspace(workspace) {
        if (state.status === 'signed-in') {
          const workspaces = [...state.session.workspaces, workspace];
          setState({ status: 'signed-in', session: { ...state.session, workspaces } });
        }
      },
      renameWorkspace(workspaceId, name) {
        if (state.status === 'signed-in') {
          const workspaces = state.session.workspaces.map((w) => (w.id === workspaceId ? { ...w, name } : w));
          setState({ status: 'signed-in', session: { ...state.session, workspaces } });
        }
      },
      retry() {
        setState({ status: 'loading' });
        setAttempt((n) => n + 1);
      },
    }),
    [state, signedIn, setLocale],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
};

export const useSession = (): SessionApi => {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
};

/** For screens inside the frame, where a session is guaranteed. */
export const useSignedIn = (): Session => {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useSignedIn outside a signed-in screen');
  return state.session;
};
