// The scan screen's panel for the running or ended scan job.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { routeHref } from '../../app/route';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Notice } from '../../ui/Notice';
import { isFinal, statusLine, type ScanJobState } from './scanJob';
import type { ScanSession } from './scanSession';

/**
 * The status line is a live region that exists before any job does, so that screen readers follow it from the first
 * sentence ("12 pagina's ontvangen", "Klaar: …"); a failure is also an alert with the core's message. The focus
 * follows the job: to "Stoppen" when it starts, to the result when it ends (if it was in the panel), so it is never
 * left on a control that went away.
 */
export function ScanJobPanel({ job, session }: { job: ScanJobState | null; session: ScanSession }) {
  const { t } = useTranslation();
  const stopRef = useRef<HTMLButtonElement>(null);
  const linkRef = useRef<HTMLAnchorElement>(null);
  const nothingRef = useRef<HTMLParagraphElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const phase = job?.phase ?? null;
  const final = phase !== null && isFinal(phase);
  const running = phase !== null && !final;

  const prevPhase = useRef(phase);
  useEffect(() => {
    const before = prevPhase.current;
    prevPhase.current = phase;
    if (phase === before) return;
    const active = document.activeElement;
    const lost = !active || active === document.body || !!panelRef.current?.contains(active);
    if (phase === 'starting') stopRef.current?.focus();
    else if (phase && isFinal(phase) && lost) (linkRef.current ?? nothingRef.current)?.focus();
  }, [phase]);

  const line = job ? statusLine(t, job) : '';
  // "Stoppen" stays focusable once pressed (a disabled button would drop the focus); it just does nothing more.
  const stopInert = phase === 'stopping' || phase === 'processing';
  return (
    <div ref={panelRef} className={job ? 'scan-job' : undefined} data-testid="scan-job">
      {job && (
        <>
          <h2>{t('scan.jobHeading')}</h2>
          <p className="muted">{t('scan.jobWith', { scanner: job.scannerName, profile: job.profileLabel })}</p>
        </>
      )}
      <p role="status" aria-live="polite" aria-atomic="true" className="scan-status" data-testid="scan-status">
        {line}
      </p>
      {job && running && (
        <>
          {job.phase === 'processing' ? (
            <progress
              max={Math.max(job.pages, 1)}
              value={Math.max(0, job.processing - 1)}
              aria-label={t('scan.processingLabel')}
              aria-valuetext={line}
            />
          ) : (
            <progress aria-label={t('scan.scanningLabel')} aria-valuetext={line} />
          )}
          <p>
            <button
              ref={stopRef}
              type="button"
              className="button danger"
              aria-disabled={stopInert || undefined}
              onClick={() => {
                if (!stopInert) void session.stop();
              }}
            >
              {t('scan.stop')}
            </button>
          </p>
        </>
      )}
      {job?.phase === 'failed' && job.error && (
        <Notice tone="error" role="alert">
          <p data-testid="scan-error">
            <ErrorMessage error={job.error} />
          </p>
        </Notice>
      )}
      {job && final && (
        <div className="scan-result">
          {job.batchId && job.pages > 0 ? (
            <p>
              <a ref={linkRef} href={routeHref({ name: 'inbox', batch: job.batchId })}>
                {t('scan.toBatch')}
              </a>
            </p>
          ) : (
            <p ref={nothingRef} tabIndex={-1}>
              {t('scan.keptNothing')}
            </p>
          )}
          <button type="button" className="button secondary" onClick={() => session.dismiss()}>
            {t('scan.dismiss')}
          </button>
        </div>
      )}
    </div>
  );
}
