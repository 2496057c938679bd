// The document view's "Samenvoegen met…": other documents of the same batch, in the order of the stack.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary, WireError } from '../../../src/contract';
import { useApi, useCommand, useEvent } from '../../app/api';
import { useAnnounce } from '../../app/announcer';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Notice } from '../../ui/Notice';
import { QueryState } from '../../ui/QueryState';
import { mergeCandidates } from './pages';

/**
 * Their pages are appended to this document in that order and they cease to exist (the core keeps every page and the
 * originals).
 */
export function MergePanel({ doc, onMerged }: { doc: DocumentSummary; onMerged: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const announce = useAnnounce();
  const formId = useId();
  const headingId = useId();
  const noneId = useId();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [nothingChosen, setNothingChosen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  // Kept as values, not as a sentence: it is said in the language of the moment.
  const [done, setDone] = useState<{ count: number; pages: number } | null>(null);
  const resultRef = useRef<HTMLParagraphElement>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
  const focusNext = useRef<'result' | 'error' | null>(null);
  const docs = useCommand('documents.list', open ? { batchId: doc.batchId, limit: 5000 } : null);
  const candidates = mergeCandidates(docs.data ?? [], doc);
  // A split or merge elsewhere in the batch changes the choice while it is open.
  useEvent('batch.changed', (e) => {
    if (open && e.batchId === doc.batchId) docs.reload();
  });

  // The target may come a render later than the state that asked for it (React may commit in steps): keep the
  // wish until the element is there.
  useEffect(() => {
    const f = focusNext.current;
    if (!f) return;
    const el = (f === 'result' ? resultRef : errorRef).current;
    if (!el) return;
    focusNext.current = null;
    el.focus();
  });

  const toggle = (id: string) =>
    setChosen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const sourceIds = candidates.filter((d) => chosen.has(d.id)).map((d) => d.id);
    if (sourceIds.length === 0) {
      setNothingChosen(true);
      return;
    }
    setNothingChosen(false);
    setBusy(true);
    setError(null);
    const r = await api.call('documents.merge', { targetId: doc.id, sourceIds });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      focusNext.current = 'error';
      return;
    }
    const result = { count: sourceIds.length, pages: r.data.pageCount };
    setDone(result);
    setOpen(false);
    setChosen(new Set());
    focusNext.current = 'result';
    onMerged();
    announce(t('merge.done', result));
  };

  return (
    <section className="merge-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('merge.heading')}</h2>
      {done && (
        <Notice tone="success">
          <p ref={resultRef} tabIndex={-1} data-testid="merge-result">
            {t('merge.done', done)}
          </p>
        </Notice>
      )}
      <button
        type="button"
        className="button secondary"
        aria-expanded={open}
        aria-controls={formId}
        onClick={() => {
          setOpen((o) => !o);
          setDone(null);
          setError(null);
        }}
      >
        {t('merge.open')}
      </button>
      <form id={formId} hidden={!open} onSubmit={(e) => void submit(e)} noValidate className="merge-form">
        {open && (
          <>
            <QueryState loading={docs.loading} error={docs.error} reload={docs.reload} hasData={!!docs.data} />
            {docs.data && candidates.length === 0 && <p>{t('merge.noOthers')}</p>}
            {candidates.length > 0 && (
              <fieldset aria-describedby={nothingChosen ? noneId : undefined}>
                <legend>{t('merge.legend')}</legend>
                <ul className="check-list">
                  {candidates.map((d) => (
                    <li key={d.id} className="check">
                      <input id={`${formId}-${d.id}`} type="checkbox" checked={chosen.has(d.id)} onChange={() => toggle(d.id)} />
                      <label htmlFor={`${formId}-${d.id}`}>
                        {d.title || d.fileName} <span className="muted">— {t('merge.pages', { count: d.pageCount })}</span>
                      </label>
                    </li>
                  ))}
                </ul>
                {nothingChosen && (
                  <p id={noneId} className="field-error" role="alert">
                    {t('merge.nothingChosen')}
                  </p>
                )}
              </fieldset>
            )}
            {error && (
              <Notice tone="error" role="alert">
                <p ref={errorRef} tabIndex={-1}>
                  <ErrorMessage error={error} />
                </p>
              </Notice>
            )}
            {candidates.length > 0 && (
              <div className="form-actions">
                <button type="submit" className="button" aria-disabled={busy || undefined}>
                  {t('merge.submit')}
                </button>
              </div>
            )}
          </>
        )}
      </form>
    </section>
  );
}
