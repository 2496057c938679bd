// The renderer's frame: header with menu, person and language switch, the store's unlock screen, signing in, and the
// routed screens behind both.
import { lazy, Suspense, useEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandOutput, Person, Role, WireError } from '../../src/contract';
import { ArchiveScreen } from '../features/archive/ArchiveScreen';
import { AuditScreen } from '../features/audit/AuditScreen';
import { BatchScreen } from '../features/batches/BatchScreen';
import { BatchesScreen } from '../features/batches/BatchesScreen';
import { FirstAdminScreen } from '../features/auth/FirstAdminScreen';
import { LockScreen } from '../features/auth/LockScreen';
import { SignInScreen } from '../features/auth/SignInScreen';
import { DocumentScreen } from '../features/document/DocumentScreen';
import { InboxScreen } from '../features/inbox/InboxScreen';
import { PeopleScreen } from '../features/people/PeopleScreen';
import { ProfilesScreen } from '../features/profiles/ProfilesScreen';
import { QcScreen } from '../features/qc/QcScreen';
import { RejectionsScreen } from '../features/rejections/RejectionsScreen';
import { ScanScreen } from '../features/scan/ScanScreen';
import { SearchScreen } from '../features/search/SearchScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { DeliveryScreen } from '../features/sync/DeliveryScreen';
import { StatusScreen } from '../features/status/StatusScreen';
import { UnlockScreen } from '../features/unlock/UnlockScreen';
import { asLang } from '../i18n';
import { FocusOnMountContext, PageHeading } from '../ui/PageHeading';
import { QueryState } from '../ui/QueryState';
import { mayOpen, START_ROUTE } from './access';
import { useApi } from './api';
import { ConnectionBanner } from './ConnectionBanner';
import { HelpOverlay } from './HelpOverlay';
import { LanguageSwitch } from './LanguageSwitch';
import { PersonMenu } from './PersonMenu';
import { NAV, navOf, routeHref, type Route } from './route';
import { SessionProvider, useSession } from './session';
import { useRoute } from './useRoute';

type ShellState = CommandOutput<'shell.state'>;

// The desk carries the charting library: loaded when first opened, so the other screens start without it.
const DeskScreen = lazy(() => import('../features/desk/DeskScreen').then((m) => ({ default: m.DeskScreen })));

export function App() {
  const api = useApi();
  const [shell, setShell] = useState<ShellState | null>(null);
  const [error, setError] = useState<WireError | undefined>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    void api.call('shell.state', {}).then((r) => {
      if (!live) return;
      if (r.ok) setShell(r.data);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [api, attempt]);

  useDocumentLang();
  usePreventStrayDrops();

  const unlocked = shell !== null && !shell.locked;
  return (
    <SessionProvider enabled={unlocked}>
      <Frame unlocked={unlocked}>
        {shell === null && (
          <QueryState
            loading={!error}
            error={error}
            reload={() => {
              setError(undefined);
              setAttempt((a) => a + 1);
            }}
            hasData={false}
          />
        )}
        {shell?.locked && <UnlockScreen shell={shell} onUnlocked={() => setShell({ locked: false, reason: null })} />}
        {unlocked && <SessionGate />}
      </Frame>
    </SessionProvider>
  );
}

/** The header shows the menu and the person only while someone is signed in. */
function Frame({ unlocked, children }: { unlocked: boolean; children: ReactNode }) {
  const { person } = useSession();
  const signedIn = unlocked && person !== null;
  return (
    <>
      <SkipLink />
      <header className="app-header">
        <p className="app-name">Postkamer</p>
        {signedIn && <MainNav roles={person.roles} />}
        <LanguageSwitch persist={signedIn} />
        {signedIn && <HelpOverlay />}
        {signedIn && <PersonMenu person={person} />}
      </header>
      <ConnectionBanner />
      <main id="main-content" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

/** Nothing of the store shows until a person is signed in: first the first administrator, then sign-in or the lock. */
function SessionGate() {
  const session = useSession();
  const { auth } = session;
  if (!auth) return <QueryState loading={!session.error} error={session.error} reload={session.refresh} hasData={false} />;
  if (auth.needsFirstAdmin) return <FirstAdminScreen />;
  if (session.person) return <SignedIn person={session.person} />;
  if (auth.lockedFor && !session.switching) return <LockScreen who={auth.lockedFor} />;
  return <SignInScreen />;
}

/** Everything behind the sign-in: the stored language, and the routed screens the person's roles may open. */
function SignedIn({ person }: { person: Person }) {
  const api = useApi();
  const { i18n } = useTranslation();
  const { route, navigated } = useRoute();
  const { signedInHere } = useSession();
  useEffect(() => {
    void api.call('settings.get', {}).then((r) => {
      if (r.ok && r.data.locale !== asLang(i18n.language)) void i18n.changeLanguage(r.data.locale);
    });
    // Once per sign-in: later switches are the user's own.
  }, [api, i18n]);
  // After a sign-in form the screen takes the focus (the form that had it is gone).
  return (
    <FocusOnMountContext.Provider value={navigated || signedInHere}>
      {mayOpen(route.name, person.roles) ? <Screen key={routeKey(route)} route={route} /> : <NoAccess />}
    </FocusOnMountContext.Provider>
  );
}

const routeKey = (r: Route) =>
  r.name === 'document'
    ? `document/${r.id}`
    : r.name === 'batches'
      ? `batches/${r.id ?? ''}`
      : r.name === 'qc'
        ? `qc/${r.batchId}`
        : r.name;

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'inbox':
      return <InboxScreen batch={route.batch} stage={route.stage} />;
    case 'document':
      return <DocumentScreen id={route.id} />;
    case 'scan':
      return <ScanScreen />;
    case 'profiles':
      return <ProfilesScreen />;
    case 'search':
      return <SearchScreen query={route.query} />;
    case 'rejections':
      return <RejectionsScreen />;
    case 'audit':
      return <AuditScreen />;
    case 'status':
      return <StatusScreen />;
    case 'desk':
      return (
        <Suspense fallback={<QueryState loading hasData={false} />}>
          <DeskScreen />
        </Suspense>
      );
    case 'delivery':
      return <DeliveryScreen />;
    case 'archive':
      return <ArchiveScreen id={route.id} state={route.state} />;
    case 'people':
      return <PeopleScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'batches':
      return route.id ? <BatchScreen id={route.id} /> : <BatchesScreen />;
    case 'qc':
      return <QcScreen batchId={route.batchId} />;
    default:
      return <NotFound />;
  }
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('app.notFoundTitle')}>{t('app.notFoundTitle')}</PageHeading>
      <p>{t('app.notFoundBody')}</p>
      <p>
        <a href={routeHref({ name: 'inbox' })}>{t('app.toInbox')}</a>
      </p>
    </>
  );
}

/** A screen the person's roles do not cover (a link kept from someone else's session, a typed address). */
function NoAccess() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('app.noAccessTitle')}>{t('app.noAccessTitle')}</PageHeading>
      <p>{t('app.noAccessBody')}</p>
      <p>
        <a href={routeHref(START_ROUTE)}>{t('app.toInbox')}</a>
      </p>
    </>
  );
}

/** Only the screens the person's roles may use (the core refuses the rest anyway). */
function MainNav({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation();
  const { route } = useRoute();
  const current = navOf(route);
  return (
    <nav className="main-nav" aria-label={t('app.navLabel')}>
      <ul>
        {NAV.filter((n) => mayOpen(n, roles)).map((n) => (
          <li key={n}>
            <a
              href={routeHref(n === 'search' ? { name: 'search', query: '' } : ({ name: n } as Route))}
              aria-current={current === n ? 'page' : undefined}
            >
              {t(`nav.${n}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function SkipLink() {
  const { t } = useTranslation();
  // Not a plain #anchor: the hash is our router. Move the focus ourselves.
  const go = (e: MouseEvent) => {
    e.preventDefault();
    const main = document.getElementById('main-content');
    const heading = main?.querySelector<HTMLElement>('h1');
    (heading ?? main)?.focus();
  };
  return (
    <a className="skip-link" href="#main-content" onClick={go}>
      {t('app.skipLink')}
    </a>
  );
}

function useDocumentLang() {
  const { i18n } = useTranslation();
  const lang = asLang(i18n.language);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
}

/** Files dropped outside the drop zone would make the browser open them in place of the app. */
function usePreventStrayDrops() {
  const installed = useRef(false);
  useEffect(() => {
    if (installed.current) return;
    installed.current = true;
    const stop = (e: DragEvent) => {
      if (e.dataTransfer && [...e.dataTransfer.types].includes('Files')) e.preventDefault();
    };
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      installed.current = false;
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);
}
