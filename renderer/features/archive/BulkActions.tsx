// Bulk classification of the selection: set a document type, set the vertrouwelijkheid or mark reviewed — each first
// previewed (what changes, what is refused and why), then confirmed; afterwards "Ongedaan maken" while it can be.
import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulkOutcome } from '../../../src/contract/classification';
import { Vertrouwelijkheid } from '../../../src/contract/sync';
import type { WireError } from '../../../src/contract';
import { useAnnounce } from '../../app/announcer';
import { useApi, useCommand } from '../../app/api';
import { ErrorNotice } from '../../ui/ErrorMessage';
import { Notice } from '../../ui/Notice';
import { bulkInput, changesOf, previewOrder, previewSummary, type BulkAction, type Change } from './bulk-model';
import { MAX_SELECTION } from './queue-model';

interface Preview {
  action: BulkAction;
  ids: string[];
  results: BulkOutcome[];
}

export function BulkActions({ selected, onApplied, onClear }: { selected: string[]; onApplied: () => void; onClear: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const announce = useAnnounce();
  const id = useId();
  const catalogue = useCommand('sync.catalogue', {});
  const types = [...new Set((catalogue.data?.informatieobjecttypen ?? []).map((o) => o.omschrijving))].sort((a, b) =>
    a.localeCompare(b, 'nl'),
  );
  const [type, setType] = useState('');
  const [vh, setVh] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [done, setDone] = useState<{ undo: string | null; changed: number; refused: number } | null>(null);
  const [undone, setUndone] = useState<{ restored: number; kept: { id: string; reason: string }[] } | null>(null);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const tooMany = selected.length > MAX_SELECTION;

  useEffect(() => {
    if (preview) previewHeading.current?.focus();
  }, [preview]);

  const ask = async (action: BulkAction) => {
    if (busy || selected.length === 0 || tooMany) return;
    setBusy(true);
    setError(null);
    setUndone(null);
    const r = await api.call('classification.bulk', bulkInput(action, selected, true));
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setPreview({ action, ids: selected, results: r.data.results });
  };

  const confirm = async () => {
    if (!preview || busy) return;
    setBusy(true);
    setError(null);
    const r = await api.call('classification.bulk', bulkInput(preview.action, preview.ids, false));
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setPreview(null);
    setDone({ undo: r.data.undo, changed: r.data.changed, refused: r.data.refused });
    announce(t('archive.bulkDone', { changed: r.data.changed, refused: r.data.refused }));
    onApplied();
  };

  const undo = async () => {
    if (!done?.undo || busy) return;
    setBusy(true);
    const r = await api.call('classification.undo', { undo: done.undo });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setDone(null);
    setUndone(r.data);
    announce(t('archive.undoDone', { restored: r.data.restored, kept: r.data.kept.length }));
    onApplied();
  };

  return (
    <section className="archive-bulk" aria-labelledby={`${id}-h`} data-testid="archive-bulk">
      <h2 id={`${id}-h`}>{t('archive.bulkHeading')}</h2>
      <p role="status" data-testid="selection-count">
        {t('archive.selectedCount', { count: selected.length })}
        {selected.length > 0 && (
          <>
            {' '}
            <button type="button" className="button small secondary" onClick={onClear}>
              {t('archive.clearSelection')}
            </button>
          </>
        )}
      </p>
      {tooMany && (
        <Notice tone="warning">
          <p>{t('archive.tooMany', { max: MAX_SELECTION })}</p>
        </Notice>
      )}
      <div className="bulk-controls">
        <div className="field inline">
          <label htmlFor={`${id}-type`}>{t('archive.documenttype')}</label>
          <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">{t('archive.chooseType')}</option>
            {types.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button"
            disabled={busy || !type || selected.length === 0 || tooMany}
            onClick={() => void ask({ kind: 'documenttype', documenttype: type })}
          >
            {t('archive.setType')}
          </button>
        </div>
        <div className="field inline">
          <label htmlFor={`${id}-vh`}>{t('archive.vertrouwelijkheid')}</label>
          <select id={`${id}-vh`} value={vh} onChange={(e) => setVh(e.target.value)}>
            <option value="">{t('archive.chooseVh')}</option>
            {Vertrouwelijkheid.options.map((v) => (
              <option key={v} value={v}>
                {t(`filing.vertrouwelijkheidValues.${v}`)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button"
            disabled={busy || !vh || selected.length === 0 || tooMany}
            onClick={() => void ask({ kind: 'vertrouwelijkheid', vertrouwelijkheid: vh })}
          >
            {t('archive.setVh')}
          </button>
        </div>
        <button
          type="button"
          className="button"
          disabled={busy || selected.length === 0 || tooMany}
          onClick={() => void ask({ kind: 'reviewed' })}
        >
          {t('archive.markReviewed')}
        </button>
      </div>
      <ErrorNotice error={error} />
      {preview && (
        <PreviewTable preview={preview} busy={busy} headingRef={previewHeading} onConfirm={confirm} onCancel={() => setPreview(null)} />
      )}
      {done && (
        <Notice tone="success" role="status">
          <p data-testid="bulk-result">{t('archive.bulkDone', { changed: done.changed, refused: done.refused })}</p>
          {done.undo && (
            <button type="button" className="button secondary" disabled={busy} onClick={() => void undo()}>
              {t('archive.undo')}
            </button>
          )}
        </Notice>
      )}
      {undone && (
        <Notice tone="info" role="status">
          <p data-testid="undo-result">{t('archive.undoDone', { restored: undone.restored, kept: undone.kept.length })}</p>
          {undone.kept.length > 0 && (
            <ul>
              {undone.kept.map((k) => (
                <li key={k.id}>
                  <span className="file-name">{k.id.slice(0, 8)}…</span>: {k.reason}
                </li>
              ))}
            </ul>
          )}
        </Notice>
      )}
    </section>
  );
}

function PreviewTable({
  preview,
  busy,
  headingRef,
  onConfirm,
  onCancel,
}: {
  preview: Preview;
  busy: boolean;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const sum = previewSummary(preview.results);
  const value = (c: Change, v: Change['before']) => {
    if (v === null || v === '') return t('app.none');
    if (c.field === 'reviewed') return v ? t('archive.reviewedYes') : t('archive.reviewedNo');
    if (c.field === 'vertrouwelijkheid') return t(`filing.vertrouwelijkheidValues.${String(v)}`);
    return String(v);
  };
  return (
    <div className="bulk-preview" data-testid="bulk-preview">
      <h3 ref={headingRef} tabIndex={-1}>
        {t('archive.previewHeading')}
      </h3>
      <p>{t('archive.previewSummary', { changed: sum.changed, unchanged: sum.unchanged, refused: sum.refused })}</p>
      <div className="table-wrap">
        <table>
          <caption className="sr-only">{t('archive.previewHeading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('archive.colDocument')}</th>
              <th scope="col">{t('archive.colChange')}</th>
              <th scope="col">{t('archive.colOutcome')}</th>
            </tr>
          </thead>
          <tbody>
            {previewOrder(preview.results).map((r) => (
              <tr key={r.id} data-outcome={r.outcome}>
                <th scope="row">{r.title}</th>
                <td>
                  {changesOf(r).length === 0
                    ? t('archive.noChange')
                    : changesOf(r).map((c) => (
                        <span key={c.field} className="change">
                          {t(`archive.fields.${c.field}`)}: {value(c, c.before)} → {value(c, c.after)}
                        </span>
                      ))}
                </td>
                <td>
                  {t(`archive.outcomes.${r.outcome}`)}
                  {r.reason && <>: {r.reason}</>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="form-actions">
        <button type="button" className="button" disabled={busy || sum.nothing} onClick={onConfirm}>
          {t('archive.confirm', { count: sum.changed })}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('archive.cancel')}
        </button>
      </div>
    </div>
  );
}
