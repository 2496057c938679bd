// The fields panel of the document view: every field the clerk may correct, its source told in words, saved with the
// version it was read at.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentFields, DocumentSummary, WireError } from '../../../src/contract';
import type { FieldChanges } from '../../../src/contract/fields';
import { Vertrouwelijkheid } from '../../../src/contract/sync';
import { useApi } from '../../app/api';
import { useAnnounce } from '../../app/announcer';
import { ErrorNotice } from '../../ui/ErrorMessage';
import { Notice } from '../../ui/Notice';
import { useFilingStep } from './filing';
import {
  changesOf,
  draftOf,
  FIELD_NAMES,
  hasChanges,
  inputKind,
  isReadOnly,
  MAX_LENGTH,
  regionOf,
  sourceView,
  type Draft,
  type FieldName,
} from './fields-model';

/** Where a field with a known region has the focus: the page and box to show (null: none). */
export type FocusedRegion = { field: FieldName; page: number; box: { x0: number; y0: number; x1: number; y1: number } } | null;

export function FieldsPanel({
  doc,
  reload,
  onFocusRegion,
}: {
  doc: DocumentSummary;
  reload: () => void;
  onFocusRegion?: (r: FocusedRegion) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const announce = useAnnounce();
  const headingId = useId();
  const base = useId();
  // The values the inputs started from, and the version they were read at (what a save says it saw).
  const [shown, setShown] = useState<{ fields: DocumentFields; version: number }>({ fields: doc.fields, version: doc.version });
  const [draft, setDraft] = useState<Draft>(() => draftOf(doc.fields));
  const [missing, setMissing] = useState<FieldName[]>([]);
  const [error, setError] = useState<WireError | null>(null);
  const [message, setMessage] = useState<{ text: string; tone: 'success' | 'warning' } | null>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);

  // A newer document (an event, a save, a link): fields the clerk has not touched follow it; typed ones stay.
  useEffect(() => {
    setShown((before) => {
      if (before.version === doc.version && before.fields === doc.fields) return before;
      setDraft((d) => {
        const next = { ...d };
        for (const n of FIELD_NAMES) if (d[n] === (before.fields[n]?.value ?? '')) next[n] = doc.fields[n]?.value ?? '';
        return next;
      });
      return { fields: doc.fields, version: doc.version };
    });
  }, [doc.fields, doc.version]);

  const save = async (): Promise<boolean> => {
    if (busyRef.current) return false;
    const changes = changesOf(shown.fields, draft, doc.stage);
    setMissing(changes.missing);
    if (changes.missing.length > 0) {
      document.getElementById(`${base}-${changes.missing[0]}`)?.focus();
      return false;
    }
    if (!hasChanges(changes)) return true;
    busyRef.current = true;
    setBusy(true);
    setError(null);
    setMessage(null);
    const r = await api.call('documents.edit', { id: doc.id, expectedVersion: shown.version, set: changes.set as FieldChanges, reset: [] });
    busyRef.current = false;
    setBusy(false);
    if (!r.ok) {
      if (r.error.code === 'edit-conflict') {
        // Someone else saved first: show what is there now, and let the clerk enter the change again.
        setMessage({ text: t('filing.conflict'), tone: 'warning' });
        announce(t('filing.conflict'));
        setDraft(draftOf(shown.fields));
        reload();
      } else setError(r.error);
      return false;
    }
    const saved = r.data.document;
    setShown({ fields: saved.fields, version: saved.version });
    setDraft(draftOf(saved.fields));
    const text =
      r.data.delivery === 'correctie-klaargezet' ? t('filing.savedDelivered') : t('filing.saved', { count: r.data.changed.length });
    setMessage({ text, tone: 'success' });
    announce(text);
    reload();
    return true;
  };
  useFilingStep('saveFields', save);

  const focusField = (n: FieldName) => {
    const region = regionOf(shown.fields[n]);
    onFocusRegion?.(region ? { field: n, ...region } : null);
  };

  return (
    <section aria-labelledby={headingId} className="fields-panel" data-testid="fields-panel">
      <h2 id={headingId}>{t('filing.heading')}</h2>
      <p className="muted">{t('filing.intro')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!hasChanges(changesOf(shown.fields, draft, doc.stage))) announce(t('filing.nothingChanged'));
          else void save();
        }}
      >
        {FIELD_NAMES.map((n) => (
          <FieldRow
            key={n}
            id={`${base}-${n}`}
            name={n}
            label={t(`filing.fields.${n}`)}
            source={<SourceText field={shown.fields[n]} />}
            readOnly={isReadOnly(n, doc.stage)}
            missing={missing.includes(n)}
            value={draft[n]}
            onChange={(v) => setDraft((d) => ({ ...d, [n]: v }))}
            onFocus={() => focusField(n)}
          />
        ))}
        <div className="form-actions">
          <button type="submit" className="button secondary" disabled={busy}>
            {busy ? t('filing.saving') : t('filing.save')}
          </button>
        </div>
      </form>
      {message && (
        <Notice tone={message.tone} role="status">
          <p data-testid="fields-message">{message.text}</p>
        </Notice>
      )}
      <ErrorNotice error={error} />
    </section>
  );
}

function SourceText({ field }: { field: DocumentFields[FieldName] }) {
  const { t } = useTranslation();
  const v = sourceView(field);
  return (
    <span className="field-source" data-source={field.source ?? 'none'}>
      <span className="sr-only">{t('filing.sourceLabel')}: </span>
      {t(v.key, v.params)}
      {v.check && <strong className="field-check"> — {t('filing.check')}</strong>}
    </span>
  );
}

function FieldRow(p: {
  id: string;
  name: FieldName;
  label: string;
  source: ReactNode;
  readOnly: boolean;
  missing: boolean;
  value: string;
  onChange: (v: string) => void;
  onFocus: () => void;
}) {
  const { t } = useTranslation();
  const kind = inputKind(p.name);
  const describedBy = [`${p.id}-source`, p.readOnly ? `${p.id}-ro` : null, p.missing ? `${p.id}-error` : null].filter(Boolean).join(' ');
  const common = {
    id: p.id,
    name: p.name,
    value: p.value,
    onFocus: p.onFocus,
    'aria-describedby': describedBy,
    'aria-invalid': p.missing || undefined,
  };
  return (
    <div className="field field-row" data-field={p.name}>
      <label htmlFor={p.id}>{p.label}</label>
      <p className="field-hint" id={`${p.id}-source`}>
        {p.source}
      </p>
      {kind === 'date' && <input type="date" {...common} readOnly={p.readOnly} onChange={(e) => p.onChange(e.target.value)} />}
      {kind === 'text' && (
        <input
          type="text"
          autoComplete="off"
          maxLength={MAX_LENGTH[p.name]}
          {...common}
          readOnly={p.readOnly}
          onChange={(e) => p.onChange(e.target.value)}
        />
      )}
      {kind === 'textarea' && (
        <textarea rows={2} maxLength={MAX_LENGTH[p.name]} {...common} readOnly={p.readOnly} onChange={(e) => p.onChange(e.target.value)} />
      )}
      {kind === 'vertrouwelijkheid' && (
        <select {...common} disabled={p.readOnly} onChange={(e) => p.onChange(e.target.value)}>
          <option value="">{t('filing.vertrouwelijkheidNone')}</option>
          {Vertrouwelijkheid.options.map((v) => (
            <option key={v} value={v}>
              {t(`filing.vertrouwelijkheidValues.${v}`)}
            </option>
          ))}
        </select>
      )}
      {p.readOnly && (
        <p className="muted" id={`${p.id}-ro`}>
          {t('filing.readOnlyDelivered')}
        </p>
      )}
      {p.missing && (
        <p className="field-error" id={`${p.id}-error`}>
          {t('filing.required')}
        </p>
      )}
    </div>
  );
}
