// Who is at the workstation, as the UI knows it: the core's `auth.state` for this window's connection, asked again
// whenever it may have changed (the core's `session.changed`, an `unauthenticated` answer, a reconnect), the
// auto-lock, and locking, switching and signing out.
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { AuthState, Person, WireError } from '../../src/contract';
import { START_ROUTE } from './access';
import { ActivityClock } from './activity';
import { useApi, useEvent, useReconnectCount, useUnauthenticated } from './api';
import { navigate } from './useRoute';

/** How often at most the UI tells the core that the person is at work. */
export const ACTIVITY_REPORT_MS = 30_000;
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel'] as const;

export interface Session {
  /** Null until the core has answered. */
  auth: AuthState | null;
  error: WireError | undefined;
  /** The signed-in person (the session is open). */
  person: Person | null;
  /** The person chose "Andere gebruiker": the sign-in form shows instead of the lock screen. */
  switching: boolean;
  /** A sign-in or setup form succeeded in this window (the screen behind it then takes the focus). */
  signedInHere: boolean;
  refresh(): void;
  /** Takes the core's answer to auth.setup / auth.signIn: the same person goes on where they were, another starts afresh. */
  signedIn(state: AuthState): void;
  lock(): Promise<void>;
  switchUser(): Promise<void>;
  cancelSwitch(): void;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('SessionProvider missing');
  return s;
}

/** Asks the core who is signed in once `enabled` (the store is open), and keeps asking when that may change. */
export function SessionProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const api = useApi();
  const [auth, setAuth] = useState<AuthState | null>(null);
  const [error, setError] = useState<WireError | undefined>();
  const [switching, setSwitching] = useState(false);
  const [signedInHere, setSignedInHere] = useState(false);
  const [tick, setTick] = useState(0);
  const reconnects = useReconnectCount();
  const refresh = useCallback(() => setTick((t) => t + 1), []);
  // Every change this window makes itself (sign-in, lock, sign-out) starts a new epoch: an answer to auth.state asked
  // before it is stale and never overwrites it.
  const epoch = useRef(0);
  const take = useCallback((state: AuthState | ((a: AuthState | null) => AuthState | null)) => {
    epoch.current++;
    setAuth(state);
  }, []);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const asked = epoch.current;
    void api.call('auth.state', {}).then((r) => {
      if (!live || asked !== epoch.current) return;
      if (r.ok) {
        setAuth(r.data);
        setError(undefined);
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [api, enabled, tick, reconnects]);
  useEvent('session.changed', refresh);
  useUnauthenticated(refresh);

  const person = auth?.person ?? null;
  // The person this window last served: another person signing in lands on the start screen, not on their screen.
  const lastLogin = useRef<string | null>(null);
  useEffect(() => {
    if (person) lastLogin.current = person.login;
  }, [person]);
  /** Shows the lock screen at once (even when the core cannot be reached), then takes the core's answer. */
  const lock = useCallback(async () => {
    take((a) => (a?.person ? { ...a, person: null, lockedFor: { login: a.person.login, name: a.person.name } } : a));
    const r = await api.call('auth.lock', {});
    if (r.ok) take(r.data);
    else refresh();
  }, [api, refresh, take]);

  const value: Session = {
    auth,
    error,
    person,
    switching,
    signedInHere,
    refresh,
    signedIn: (state) => {
      const who = state.person?.login ?? null;
      if (who !== null && lastLogin.current !== null && lastLogin.current !== who) navigate(START_ROUTE);
      if (who !== null) lastLogin.current = who;
      take(state);
      setSwitching(false);
      setSignedInHere(true);
    },
    lock,
    switchUser: async () => {
      setSwitching(true);
      if (person) await lock();
    },
    cancelSwitch: () => setSwitching(false),
    signOut: async () => {
      take((a) => (a ? { ...a, person: null, lockedFor: null } : a));
      setSwitching(false);
      const r = await api.call('auth.signOut', {});
      if (r.ok) take(r.data);
      else refresh();
    },
  };
  useAutoLock(person?.login ?? null, auth?.autoLockMinutes ?? null, lock);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** While `login` is signed in: locks after `minutes` without a key, click or scroll, and reports activity to the core. */
function useAutoLock(login: string | null, minutes: number | null, lock: () => Promise<void>): void {
  const api = useApi();
  const lockRef = useRef(lock);
  useEffect(() => {
    lockRef.current = lock;
  });
  useEffect(() => {
    if (login === null || minutes === null) return;
    const clock = new ActivityClock({
      idleMs: minutes * 60_000,
      reportEveryMs: ACTIVITY_REPORT_MS,
      onIdle: () => void lockRef.current(),
      report: () => void api.call('auth.activity', {}),
    });
    const on = () => clock.activity();
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, on, { capture: true, passive: true });
    return () => {
      clock.stop();
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, on, { capture: true });
    };
  }, [api, login, minutes]);
}
