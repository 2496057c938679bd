// The "Zaak" section of the document detail: where the document goes, how far it got, and what to do when stuck.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary, WireError } from '../../../src/contract';
import { useApi, useCommand, useEvent } from '../../app/api';
import { useAnnounce } from '../../app/announcer';
import { asLang } from '../../i18n';
import { ErrorNotice } from '../../ui/ErrorMessage';
import { formatDateTime } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { useFilingStep } from '../document/filing';
import { QueryState } from '../../ui/QueryState';
import { phaseOf, shouldPoll, type Phase } from './outbox';
import { PhaseBadge } from './PhaseBadge';
import { NewZaakForm } from './NewZaakForm';
import { usePolling } from './usePolling';
import { ZaakLinkForm } from './ZaakLinkForm';

/** `doc`, when given, prefills the link form (the zaaknummer read on the page, the documenttype). */
export function ZaakPanel({ documentId, doc }: { documentId: string; doc?: DocumentSummary }) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const api = useApi();
  const announce = useAnnounce();
  const headingId = useId();
  const item = useCommand('sync.outbox.get', { documentId });
  const [relinking, setRelinking] = useState(false);
  // Without a zaak yet: an existing one (the usual case, so the default) or a new one.
  const [mode, setMode] = useState<'link' | 'new'>('link');
  const modeName = useId();
  const modeIds = { link: useId(), new: useId() };
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  useEvent('document.changed', (e) => {
    if (e.documentId === documentId) item.reload();
  });
  const o = item.data ?? null;
  // "Gereed" on a document that already has its zaak: nothing to link.
  useFilingStep('link', o ? () => Promise.resolve(true) : null);
  usePolling(!!o && shouldPoll([o]), item.reload);

  // The phase is announced when it changes under the clerk's eyes (e.g. wacht → verzonden).
  const seen = useRef<Phase | null>(null);
  const phase = o ? phaseOf(o.state) : null;
  useEffect(() => {
    const before = seen.current;
    seen.current = phase;
    if (before !== null && phase !== null && before !== phase) announce(t('sync.phaseChanged', { phase: t(`sync.phase.${phase}`) }));
  }, [phase, announce, t]);

  const done = (message: string) => {
    setRelinking(false);
    setMode('link');
    setError(null);
    item.reload();
    announce(message);
    // The form the focus was in is gone; the section's heading is the nearest place that still makes sense.
    headingRef.current?.focus();
  };

  const cancelNew = () => {
    setMode('link');
    // Back to the choice the clerk left from (the radio is there in both modes, so it can take the focus at once).
    document.getElementById(modeIds.link)?.focus();
  };

  const retry = async () => {
    setBusy(true);
    setError(null);
    const r = await api.call('sync.retry', { documentId });
    setBusy(false);
    if (!r.ok) setError(r.error);
    else done(t('sync.retried'));
  };

  return (
    <section className="zaak-panel" aria-labelledby={headingId} data-testid="zaak-panel">
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t('sync.zaakHeading')}
      </h2>
      <QueryState loading={item.loading} error={item.error} reload={item.reload} hasData={item.data !== undefined} />
      {item.data !== undefined && (
        <>
          <dl className="fields">
            <dt>{t('sync.zaaknummer')}</dt>
            <dd data-testid="zaak-number">
              {o?.zaaknummer ??
                (o?.newZaak ? (
                  t('sync.newZaak', { omschrijving: o.newZaak.omschrijving })
                ) : (
                  <span className="muted">{t('sync.notLinked')}</span>
                ))}
            </dd>
            {o && (
              <>
                <dt>{t('sync.delivery')}</dt>
                <dd>
                  <PhaseBadge state={o.state} /> <span className="muted">{t(`status.outboxStates.${o.state}`)}</span>
                </dd>
                {o.attempts > 0 && phaseOf(o.state) !== 'delivered' && (
                  <>
                    <dt>{t('sync.attempts')}</dt>
                    <dd>
                      {o.attempts}
                      {o.nextAttemptAt && phaseOf(o.state) === 'waiting'
                        ? ` — ${t('sync.nextAttempt', { at: formatDateTime(o.nextAttemptAt, lang) })}`
                        : ''}
                    </dd>
                  </>
                )}
                {o.doneAt && (
                  <>
                    <dt>{t('sync.deliveredAt')}</dt>
                    <dd>{formatDateTime(o.doneAt, lang)}</dd>
                  </>
                )}
              </>
            )}
          </dl>
          {o && phaseOf(o.state) === 'attention' && (
            <Notice tone="error">
              <p>
                <strong>{t('sync.attentionTitle')}</strong>
              </p>
              {/* The core explains in Dutch; in the English UI that is said so for screen readers. */}
              <p data-testid="attention-reason" lang={lang === 'nl' ? undefined : 'nl'}>
                {o.lastError ?? t('sync.noReason')}
              </p>
            </Notice>
          )}
          <ErrorNotice error={error} />
          {!o && (
            <>
              <fieldset className="zaak-form">
                <legend>{t('sync.modeLegend')}</legend>
                <div className="checks">
                  {(['link', 'new'] as const).map((m) => (
                    <div key={m} className="check">
                      <input id={modeIds[m]} type="radio" name={modeName} value={m} checked={mode === m} onChange={() => setMode(m)} />
                      <label htmlFor={modeIds[m]}>{m === 'link' ? t('sync.modeExisting') : t('sync.modeNew')}</label>
                    </div>
                  ))}
                </div>
              </fieldset>
              {mode === 'link' && (
                <ZaakLinkForm
                  documentId={documentId}
                  doc={doc}
                  relink={false}
                  onDone={(n) => done(t('sync.linked', { zaaknummer: n.zaaknummer ?? '' }))}
                />
              )}
              {mode === 'new' && (
                <NewZaakForm
                  documentId={documentId}
                  onDone={(n) => done(t('sync.newZaakQueued', { omschrijving: n.newZaak?.omschrijving ?? '' }))}
                  onCancel={cancelNew}
                />
              )}
            </>
          )}
          {o && !relinking && (
            <div className="form-actions">
              {phaseOf(o.state) === 'attention' && (
                <button type="button" className="button" disabled={busy} onClick={() => void retry()}>
                  {t('sync.retry')}
                </button>
              )}
              <button type="button" className="button secondary" onClick={() => setRelinking(true)}>
                {t('sync.relink')}
              </button>
            </div>
          )}
          {o && relinking && (
            <ZaakLinkForm
              documentId={documentId}
              relink
              onDone={(n) => done(t('sync.linked', { zaaknummer: n.zaaknummer ?? '' }))}
              onCancel={() => setRelinking(false)}
            />
          )}
        </>
      )}
    </section>
  );
}
