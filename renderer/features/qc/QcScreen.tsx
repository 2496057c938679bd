// The quality control of one batch (#/qc/<batchId>): a second person checks each sampled page against the paper —
// G goed, F fout with the reason (1–5), N/P or the arrow keys through the sample — and closes the round; the
// result (goedgekeurd, or afgekeurd with the faulty pages) is shown and announced.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { QcReason, QcView } from '../../../src/contract';
import { routeHref } from '../../app/route';
import { ErrorNotice } from '../../ui/ErrorMessage';
import { Notice } from '../../ui/Notice';
import { PageHeading } from '../../ui/PageHeading';
import { QueryState } from '../../ui/QueryState';
import { takesText } from '../document/next-model';
import { batchLabel, useBatchRow } from '../batches/useBatch';
import { judging, mayClose, pageKeyOf, REASONS } from './qc-model';
import { QcPageView } from './QcPageView';
import { ReasonChooser } from './ReasonChooser';
import { SampleList } from './SampleList';
import { useQcSession } from './useQcSession';
import './qc.css';

export function QcScreen({ batchId }: { batchId: string }) {
  const { t } = useTranslation();
  const label = batchLabel(useBatchRow(batchId), batchId);
  const s = useQcSession(batchId);
  const [choosing, setChoosing] = useState(false);
  const [chosen, setChosen] = useState(0);
  const faultButton = useRef<HTMLButtonElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const outcome = useRef<HTMLParagraphElement>(null);

  const view = s.view;
  const page = view?.sample[s.index];
  const canJudge = !!view && judging(view.state) && !!page;
  const closable = !!view && mayClose(view);

  const openChooser = () => {
    if (!page) return;
    setChosen(page.reason ? Math.max(0, REASONS.indexOf(page.reason)) : 0);
    setChoosing(true);
  };
  const endChoosing = () => {
    setChoosing(false);
    // The radios are disabled again: the focus goes back to the button that opened them.
    requestAnimationFrame(() => faultButton.current?.focus());
  };
  const record = (reason: QcReason) => {
    endChoosing();
    void s.judge('fout', reason);
  };

  // The screen's keys, wherever the focus is, except in a text field, while a reason is chosen, or under a dialog.
  const keys = useRef<(e: KeyboardEvent) => void>(() => {});
  keys.current = (e: KeyboardEvent) => {
    if (e.defaultPrevented || choosing || document.querySelector('dialog[open]')) return;
    const target = e.target as HTMLElement | null;
    const a = pageKeyOf({
      key: e.key,
      ctrlKey: e.ctrlKey,
      metaKey: e.metaKey,
      altKey: e.altKey,
      inField: takesText(target as HTMLInputElement | null),
    });
    if (!a) return;
    // The arrow keys stay with a control that uses them (a radio group, a slider).
    if (e.key.startsWith('Arrow') && target?.tagName === 'INPUT') return;
    e.preventDefault();
    if (a === 'next') s.move(1);
    else if (a === 'previous') s.move(-1);
    else if (!canJudge || s.busy) return;
    else if (a === 'goed') void s.judge('goed');
    else openChooser();
  };
  useEffect(() => {
    const on = (e: KeyboardEvent) => keys.current(e);
    window.addEventListener('keydown', on);
    return () => window.removeEventListener('keydown', on);
  }, []);

  // Once every sampled page has a verdict, the next step is closing the round: the focus goes there.
  const wasClosable = useRef(closable);
  useEffect(() => {
    if (closable && !wasClosable.current) closeButton.current?.focus();
    wasClosable.current = closable;
  }, [closable]);

  // Closing removes the button that had the focus: the result takes it (and is announced).
  useEffect(() => {
    if (s.result) outcome.current?.focus();
  }, [s.result, view?.state]);

  const title = t('qcCheck.titleBatch', { label });
  return (
    <div className="qc-screen">
      <PageHeading title={title}>{title}</PageHeading>
      <p>
        <a href={routeHref({ name: 'batches', id: batchId })}>{t('qcCheck.toBatch')}</a>
      </p>
      <p className="muted">{t('qcCheck.intro')}</p>
      <QueryState loading={!view} error={s.loadError} reload={() => void s.reload()} hasData={!!view} />
      <ErrorNotice error={s.error} />
      {view?.state === 'open' && (
        <Notice tone="info">
          <p>{t('qcCheck.notStarted')}</p>
          <button type="button" className="button" disabled={s.busy} onClick={() => void s.start()}>
            {t('batches.qcStart')}
          </button>
        </Notice>
      )}
      {view && <Outcome view={view} focusRef={outcome} />}
      {view && view.state !== 'open' && view.sample.length === 0 && <p>{t('qcCheck.empty')}</p>}
      {view && page && (
        <div className="qc-layout">
          <QcPageView page={page} index={s.index} total={view.sample.length} />
          <div className="qc-side">
            <p id="qc-progress-text" className="qc-progress" data-testid="qc-progress">
              {t('qcCheck.progress', { judged: view.progress.judged, total: view.progress.total })}
            </p>
            <progress aria-labelledby="qc-progress-text" max={Math.max(1, view.progress.total)} value={view.progress.judged} />
            <p data-testid="qc-verdict" data-verdict={page.verdict ?? 'open'}>
              <strong>{t('qcCheck.verdict')}:</strong> <VerdictWords page={page} />
            </p>
            {canJudge && (
              <div className="qc-actions">
                <button type="button" className="button" onClick={() => void s.judge('goed')} aria-keyshortcuts="G">
                  {t('qcCheck.good')} <kbd aria-hidden="true">G</kbd>
                </button>
                <button
                  ref={faultButton}
                  type="button"
                  className="button secondary danger"
                  onClick={openChooser}
                  aria-keyshortcuts="F"
                  aria-expanded={choosing}
                >
                  {t('qcCheck.fault')} <kbd aria-hidden="true">F</kbd>
                </button>
              </div>
            )}
            {canJudge && (
              <ReasonChooser open={choosing} chosen={chosen} onChoose={setChosen} onRecord={record} onCancel={endChoosing} busy={s.busy} />
            )}
            <div className="qc-actions">
              <button
                type="button"
                className="button secondary"
                disabled={s.index === 0}
                onClick={() => s.move(-1)}
                aria-keyshortcuts="P ArrowLeft"
              >
                {t('qcCheck.previous')} <kbd aria-hidden="true">P</kbd>
              </button>
              <button
                type="button"
                className="button secondary"
                disabled={s.index >= view.sample.length - 1}
                onClick={() => s.move(1)}
                aria-keyshortcuts="N ArrowRight"
              >
                {t('qcCheck.next')} <kbd aria-hidden="true">N</kbd>
              </button>
            </div>
            {judging(view.state) && (
              <div className="qc-close">
                <button
                  ref={closeButton}
                  type="button"
                  className="button"
                  disabled={!closable || s.busy}
                  aria-describedby={closable ? undefined : 'qc-close-hint'}
                  onClick={() => void s.close()}
                >
                  {t('qcCheck.close')}
                </button>
                {!closable && (
                  <p id="qc-close-hint" className="muted">
                    {t('qcCheck.closeHint')}
                  </p>
                )}
              </div>
            )}
            <SampleList sample={view.sample} index={s.index} onShow={s.setIndex} />
            {judging(view.state) && <Keys />}
          </div>
        </div>
      )}
    </div>
  );
}

function VerdictWords({ page }: { page: QcView['sample'][number] }) {
  const { t } = useTranslation();
  const words =
    page.verdict === null
      ? t('qcCheck.verdictNone')
      : page.verdict === 'goed'
        ? t('qcCheck.verdictGood')
        : t('qcCheck.verdictFault', { reason: t(`qcCheck.reason.${page.reason}`) });
  const by = page.judgedBy ? ` ${t('qcCheck.judgedBy', { who: page.judgedBy })}` : '';
  const rescans = page.rescans > 0 ? ` · ${t('qcCheck.rescanned', { count: page.rescans })}` : '';
  return <>{words + by + rescans}</>;
}

/** A closed round's result in words (announced when it closes here; shown whenever the screen is opened later). */
function Outcome({ view, focusRef }: { view: QcView; focusRef: RefObject<HTMLParagraphElement | null> }) {
  const { t } = useTranslation();
  if (view.state !== 'goedgekeurd' && view.state !== 'afgekeurd') return null;
  const pages = view.faults.map((f) => t('qcCheck.resultPage', { page: f.page, reason: t(`qcCheck.reason.${f.reden}`) })).join(', ');
  return (
    <Notice tone={view.state === 'goedgekeurd' ? 'success' : 'error'}>
      <p data-testid="qc-result" data-state={view.state} ref={focusRef} tabIndex={-1}>
        {view.state === 'goedgekeurd' ? t('qcCheck.resultApproved') : t('qcCheck.resultRejected', { count: view.faults.length, pages })}
      </p>
    </Notice>
  );
}

function Keys() {
  const { t } = useTranslation();
  const rows: [string[], string][] = [
    [['G'], t('qcCheck.keyGood')],
    [['F'], t('qcCheck.keyFault')],
    [['N', '→'], t('qcCheck.keyNext')],
    [['P', '←'], t('qcCheck.keyPrevious')],
  ];
  return (
    <section aria-labelledby="qc-keys-heading" className="qc-keys">
      <h2 id="qc-keys-heading">{t('qcCheck.keysHeading')}</h2>
      <dl className="shortcut-list">
        {rows.map(([keys, what]) => (
          <div key={keys[0]} className="shortcut">
            <dt>
              {keys.map((k, i) => (
                <span key={k}>
                  {i > 0 && ' / '}
                  <kbd>{k}</kbd>
                </span>
              ))}
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
