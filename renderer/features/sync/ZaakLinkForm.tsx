// "Koppelen aan zaak": a zaaknummer, with suggestions from the zaken the core knows (its cache answers when the
// zaaksysteem is out of reach).
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WireError } from '../../../src/contract';
import type { OutboxItem } from '../../../src/contract/sync';
import { useApi } from '../../app/api';
import { ErrorNotice } from '../../ui/ErrorMessage';
import { searchQuery } from './outbox';

interface Suggestion {
  identificatie: string;
  omschrijving: string;
}

/** Sends `sync.link`, or `sync.relink` when the document already has a zaak. */
export function ZaakLinkForm({
  documentId,
  relink,
  onDone,
  onCancel,
}: {
  documentId: string;
  relink: boolean;
  onDone: (item: OutboxItem) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const inputId = useId();
  const hintId = useId();
  const listId = useId();
  const [value, setValue] = useState('');
  const [suggestions, setSuggestions] = useState<{ query: string; zaken: Suggestion[]; source: 'cache' | 'server' } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const [empty, setEmpty] = useState(false);

  const query = searchQuery(value);
  useEffect(() => {
    if (!query) {
      setSuggestions(null);
      return;
    }
    let live = true;
    // Typing is not searching: wait for a pause.
    const timer = setTimeout(() => {
      void api.call('sync.zaken.search', { query, limit: 8 }).then((r) => {
        if (live && r.ok) setSuggestions({ query, zaken: r.data.zaken, source: r.data.source });
      });
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, query]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const zaaknummer = value.trim();
    if (!zaaknummer) {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    setBusy(true);
    setError(null);
    const r = await api.call(relink ? 'sync.relink' : 'sync.link', { documentId, zaaknummer });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setValue('');
    onDone(r.data);
  };

  // Only the suggestions that belong to what is typed now; an exact match needs no suggestion.
  const shown = suggestions && suggestions.query === query ? suggestions.zaken.filter((z) => z.identificatie !== value.trim()) : [];
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="zaak-form" data-testid="zaak-form">
      <div className="field">
        <label htmlFor={inputId}>{relink ? t('sync.relinkLabel') : t('sync.linkLabel')}</label>
        <p id={hintId} className="muted">
          {t('sync.linkHint')}
        </p>
        <div className="inline-field">
          <input
            id={inputId}
            type="text"
            autoComplete="off"
            spellCheck={false}
            maxLength={40}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-describedby={`${hintId}${empty ? ` ${inputId}-empty` : ''}`}
            aria-invalid={empty || undefined}
            aria-controls={listId}
          />
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('sync.busy') : relink ? t('sync.relinkSubmit') : t('sync.linkSubmit')}
          </button>
          {onCancel && (
            <button type="button" className="button secondary" onClick={onCancel}>
              {t('sync.cancel')}
            </button>
          )}
        </div>
        {empty && (
          <p id={`${inputId}-empty`} className="field-error" role="alert">
            {t('sync.zaaknummerRequired')}
          </p>
        )}
      </div>
      <div id={listId}>
        <p className="sr-only" role="status">
          {query && suggestions?.query === query ? t('sync.suggestionsCount', { count: shown.length }) : ''}
        </p>
        {shown.length > 0 && (
          <>
            <p className="muted">{suggestions!.source === 'cache' ? t('sync.suggestionsCache') : t('sync.suggestionsServer')}</p>
            <ul className="suggestion-list" aria-label={t('sync.suggestions')}>
              {shown.map((z) => (
                <li key={z.identificatie}>
                  <button
                    type="button"
                    className="button secondary"
                    onClick={() => {
                      setValue(z.identificatie);
                      document.getElementById(inputId)?.focus();
                    }}
                  >
                    <span className="file-name">{z.identificatie}</span> — {z.omschrijving}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <ErrorNotice error={error} />
    </form>
  );
}
