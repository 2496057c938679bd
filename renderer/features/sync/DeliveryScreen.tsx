// "Verzending": the connection to the zaaksysteem (addresses only, never a secret) and the outbox by state.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { mayCall, type CommandOutput, type WireError } from '../../../src/contract';
import { useApi, useCommand, type Query } from '../../app/api';
import { useAnnounce } from '../../app/announcer';
import { useSession } from '../../app/session';
import { routeHref } from '../../app/route';
import { asLang } from '../../i18n';
import { ErrorNotice } from '../../ui/ErrorMessage';
import { formatDateTime } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { PageHeading } from '../../ui/PageHeading';
import { QueryState } from '../../ui/QueryState';
import { groupByPhase, shouldPoll } from './outbox';
import { PhaseBadge } from './PhaseBadge';
import { usePolling } from './usePolling';

type TestResult = CommandOutput<'sync.connection.test'>;

export function DeliveryScreen() {
  const { t } = useTranslation();
  const status = useCommand('sync.status', {});
  const outbox = useCommand('sync.outbox.list', { limit: 500 });
  usePolling(!!outbox.data && shouldPoll(outbox.data), outbox.reload, 2000);
  const reloadAll = () => {
    status.reload();
    outbox.reload();
  };
  return (
    <>
      <div className="page-head">
        <PageHeading title={t('sync.title')}>{t('sync.title')}</PageHeading>
        <button type="button" className="button secondary" onClick={reloadAll}>
          {t('app.refresh')}
        </button>
      </div>
      <ConnectionSection status={status} />
      <OutboxSection outbox={outbox} />
    </>
  );
}

function ConnectionSection({ status }: { status: Query<CommandOutput<'sync.status'>> }) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const headingId = useId();
  const s = status.data;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('sync.connectionHeading')}</h2>
      <QueryState loading={status.loading} error={status.error} reload={status.reload} hasData={!!s} />
      {s && s.connections.length === 0 && (
        <Notice>
          <p>{t('sync.noConnection')}</p>
        </Notice>
      )}
      {s && s.connections.length > 0 && (
        <>
          <div className="table-wrap">
            <table data-testid="connections">
              <caption className="sr-only">{t('sync.connectionHeading')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('sync.colEnv')}</th>
                  <th scope="col">{t('sync.colReachable')}</th>
                  <th scope="col">{t('sync.colAddresses')}</th>
                  <th scope="col">{t('sync.colRsin')}</th>
                </tr>
              </thead>
              <tbody>
                {s.connections.map((c) => {
                  const offline = s.offline.includes(c.env);
                  return (
                    <tr key={c.env}>
                      <th scope="row">
                        {t(`sync.env.${c.env}`)}
                        {c.active && (
                          <>
                            {' '}
                            <span className="badge badge-info">{t('sync.active')}</span>
                          </>
                        )}
                      </th>
                      <td>
                        <span className={`badge ${offline ? 'badge-danger' : 'badge-success'}`}>
                          {offline ? t('sync.unreachable') : t('sync.reachable')}
                        </span>
                      </td>
                      <td className="file-name">
                        <div>{c.zaken}</div>
                        <div>{c.documenten}</div>
                        <div>{c.catalogi}</div>
                      </td>
                      <td>{c.rsin}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="muted">
            {s.lastRefreshAt ? t('sync.lastRefresh', { at: formatDateTime(s.lastRefreshAt, lang) }) : t('sync.neverRefreshed')}
            {s.lastRefreshError && (
              <>
                {' '}
                — <span lang={lang === 'nl' ? undefined : 'nl'}>{s.lastRefreshError}</span>
              </>
            )}
          </p>
          {s.activeEnv && <ConnectionTest env={s.activeEnv} onTested={status.reload} />}
        </>
      )}
    </section>
  );
}

function ConnectionTest({ env, onTested }: { env: NonNullable<CommandOutput<'sync.status'>['activeEnv']>; onTested: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const api = useApi();
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<TestResult | null>(null);
  const [error, setError] = useState<WireError | null>(null);
  const test = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    const r = await api.call('sync.connection.test', { env });
    setBusy(false);
    onTested();
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setResult(r.data);
    announce(r.data.ok ? t('sync.testOk') : t('sync.testFailed'));
  };
  return (
    <div className="connection-test">
      <button type="button" className="button" disabled={busy} onClick={() => void test()}>
        {busy ? t('sync.testing') : t('sync.test')}
      </button>
      <ErrorNotice error={error} />
      {result && (
        <Notice tone={result.ok ? 'success' : 'error'}>
          <p>
            <strong data-testid="test-verdict">{result.ok ? t('sync.testOk') : t('sync.testFailed')}</strong>
          </p>
          <ul className="check-results" data-testid="test-checks">
            {result.checks.map((c) => (
              <li key={c.check}>
                <span className={`badge ${c.ok ? 'badge-success' : 'badge-danger'}`}>
                  {c.ok ? t('sync.checkOk') : t('sync.checkFailed')}
                </span>{' '}
                <strong>{t(`sync.checks.${c.check}`)}:</strong> <span lang={lang === 'nl' ? undefined : 'nl'}>{c.message}</span>
              </li>
            ))}
          </ul>
        </Notice>
      )}
    </div>
  );
}

function OutboxSection({ outbox }: { outbox: Query<CommandOutput<'sync.outbox.list'>> }) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const headingId = useId();
  const groups = outbox.data ? groupByPhase(outbox.data) : [];
  const { person } = useSession();
  const mayHandBack = !!person && mayCall('sync.handBack', person.roles);
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('sync.outboxHeading')}</h2>
      <QueryState loading={outbox.loading} error={outbox.error} reload={outbox.reload} hasData={!!outbox.data} />
      {outbox.data && groups.length === 0 && <p>{t('sync.outboxEmpty')}</p>}
      {groups.map((g) => (
        <section key={g.phase} aria-labelledby={`${headingId}-${g.phase}`} data-testid={`outbox-${g.phase}`}>
          <h3 id={`${headingId}-${g.phase}`}>{t(`sync.group.${g.phase}`, { count: g.items.length })}</h3>
          <div className="table-wrap">
            <table>
              <caption className="sr-only">{t(`sync.group.${g.phase}`, { count: g.items.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('sync.colDocument')}</th>
                  <th scope="col">{t('sync.colZaak')}</th>
                  <th scope="col">{t('sync.colState')}</th>
                  <th scope="col">{t('sync.colChanged')}</th>
                </tr>
              </thead>
              <tbody>
                {g.items.map((o) => (
                  <tr key={o.documentId}>
                    <td>
                      <a href={routeHref({ name: 'document', id: o.documentId })}>{o.title || o.identificatie}</a>
                    </td>
                    <td>{o.zaaknummer ?? (o.newZaak ? t('sync.newZaak', { omschrijving: o.newZaak.omschrijving }) : t('app.none'))}</td>
                    <td>
                      <PhaseBadge state={o.state} />
                      {o.state === 'attention' && o.lastError && <div lang={lang === 'nl' ? undefined : 'nl'}>{o.lastError}</div>}
                      {o.state === 'attention' && mayHandBack && (
                        <HandBack documentId={o.documentId} title={o.title} onDone={outbox.reload} />
                      )}
                    </td>
                    <td>{formatDateTime(o.updatedAt, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </section>
  );
}

/** A supervisor hands a document in attention back to the clerk, with a note (sync.handBack). */
function HandBack({ documentId, title, onDone }: { documentId: string; title: string; onDone: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<WireError | null>(null);
  const [busy, setBusy] = useState(false);
  const noteId = useId();
  if (!open)
    return (
      <button type="button" className="button secondary small" onClick={() => setOpen(true)}>
        {t('sync.handBack')}
        <span className="sr-only">: {title}</span>
      </button>
    );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await api.call('sync.handBack', { documentId, note });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    announce(t('sync.handedBack', { title }));
    setOpen(false);
    onDone();
  };
  return (
    <form className="hand-back" onSubmit={submit}>
      <label htmlFor={noteId}>{t('sync.handBackNote')}</label>
      <textarea id={noteId} value={note} maxLength={500} required rows={2} onChange={(e) => setNote(e.target.value)} />
      <ErrorNotice error={error} fields={{ note: t('sync.handBackNote') }} />
      <button type="submit" className="button small" disabled={busy || note.trim() === ''}>
        {t('sync.handBackConfirm')}
      </button>{' '}
      <button type="button" className="button secondary small" onClick={() => setOpen(false)}>
        {t('sync.handBackCancel')}
      </button>
    </form>
  );
}
