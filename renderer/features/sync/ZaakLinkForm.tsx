// "Koppelen aan zaak": a zaaknummer (the one read on the page prefilled), with suggestions from the zaken the core
// knows (its cache answers when the zaaksysteem is out of reach); once the zaak is known, its document type.
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary, WireError } from '../../../src/contract';
import type { OutboxItem } from '../../../src/contract/sync';
import { useApi, useCommand } from '../../app/api';
import { ErrorNotice } from '../../ui/ErrorMessage';
import { useFilingStep } from '../document/filing';
import { rankZaken } from './classify-model';
import { DocumentTypeChoice } from './DocumentTypeChoice';
import { searchQuery } from './outbox';
import { useTypeChoice } from './useTypeChoice';

interface Suggestion {
  identificatie: string;
  omschrijving: string;
  zaaktype: string;
}

/** Sends `sync.link`, or `sync.relink` when the document already has a zaak. */
export function ZaakLinkForm({
  documentId,
  doc,
  relink,
  onDone,
  onCancel,
}: {
  documentId: string;
  /** The document (for the zaaknummer read on the page, its documenttype and kenmerk), when the caller has it. */
  doc?: DocumentSummary;
  relink: boolean;
  onDone: (item: OutboxItem) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const inputId = useId();
  const hintId = useId();
  const listId = useId();
  const recognised = relink ? null : (doc?.zaaknummer ?? doc?.extracted.zaaknummer ?? null);
  const [value, setValue] = useState(recognised ?? '');
  const [suggestions, setSuggestions] = useState<{ query: string; zaken: Suggestion[]; source: 'cache' | 'server' } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const [empty, setEmpty] = useState(false);
  const [typeError, setTypeError] = useState<string | null>(null);
  const catalogue = useCommand('sync.catalogue', {});
  // The zaken the core finds likeliest for this document: the zaaknummer read on it, where letters with the same
  // kenmerk and from the same sender went before.
  const suggested = useCommand('sync.zaken.suggest', relink ? null : { documentId, limit: 5 });
  const status = useCommand('sync.status', {});
  const connectionDefault = status.data?.connections.find((c) => c.active)?.informatieobjecttype ?? null;

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

  // The zaak typed, once the search knows it: its zaaktype says which document types it takes.
  const chosen = suggestions?.query === query ? (suggestions.zaken.find((z) => z.identificatie === value.trim()) ?? null) : null;
  const types = useTypeChoice(catalogue.data, chosen?.zaaktype ?? null, {
    documenttype: doc?.fields.documenttype,
    vertrouwelijkheid: doc?.fields.vertrouwelijkheid,
    fallback: connectionDefault,
  });

  /** Links (or relinks); true when the document is queued. */
  const send = async (): Promise<boolean> => {
    if (busy) return false;
    const zaaknummer = value.trim();
    if (!zaaknummer) {
      setEmpty(true);
      document.getElementById(inputId)?.focus();
      return false;
    }
    setEmpty(false);
    if (chosen && types.options.length > 0 && !types.type) {
      setTypeError(t('filing.documenttypeRequired'));
      return false;
    }
    setTypeError(null);
    setBusy(true);
    setError(null);
    const r = await api.call(relink ? 'sync.relink' : 'sync.link', { documentId, zaaknummer, ...types.input() });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return false;
    }
    types.remember();
    setValue('');
    onDone(r.data);
    return true;
  };
  useFilingStep('link', relink ? null : send);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send();
  };

  // Only the suggestions that belong to what is typed now (an exact match needs none), the likeliest first.
  const kenmerk = doc?.fields.kenmerk.value ?? null;
  const shown = useMemo(
    () =>
      suggestions && suggestions.query === query
        ? rankZaken(
            suggestions.zaken.filter((z) => z.identificatie !== value.trim()),
            { zaaknummer: recognised, kenmerk },
          )
        : [],
    [suggestions, query, value, recognised, kenmerk],
  );
  return (
    <form onSubmit={submit} noValidate className="zaak-form" data-testid="zaak-form">
      <div className="field">
        <label htmlFor={inputId}>{relink ? t('sync.relinkLabel') : t('sync.linkLabel')}</label>
        <p id={hintId} className="muted">
          {t('sync.linkHint')}
          {recognised && <> {t('filing.recognised', { zaaknummer: recognised })}</>}
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
        </div>
        {empty && (
          <p id={`${inputId}-empty`} className="field-error" role="alert">
            {t('sync.zaaknummerRequired')}
          </p>
        )}
      </div>
      {!query && (suggested.data?.length ?? 0) > 0 && (
        <div className="suggested-zaken">
          <p className="muted">{t('filing.suggestedHeading')}</p>
          <ul className="suggestion-list" aria-label={t('filing.suggestedHeading')}>
            {suggested.data!.map((s) => (
              <li key={s.zaak.identificatie}>
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => {
                    setValue(s.zaak.identificatie);
                    document.getElementById(inputId)?.focus();
                  }}
                >
                  <span className="file-name">{s.zaak.identificatie}</span> — {s.zaak.omschrijving}{' '}
                  <span className="muted">
                    ({s.reasons.map((r) => t(`filing.suggestedBecause.${r}`, { count: s.filings })).join(', ')})
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
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
      {chosen && types.options.length > 0 && (
        <DocumentTypeChoice
          options={types.options}
          type={types.type}
          vertrouwelijkheid={types.vertrouwelijkheid}
          onType={(u, v) => {
            types.choose(u, v);
            setTypeError(null);
          }}
          onVertrouwelijkheid={types.setVertrouwelijkheid}
          error={typeError}
        />
      )}
      {value.trim() !== '' && suggestions?.query === query && !chosen && shown.length === 0 && (
        <p className="muted">{t('filing.zaakUnknown')}</p>
      )}
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('sync.busy') : relink ? t('sync.relinkSubmit') : t('sync.linkSubmit')}
        </button>
        {onCancel && (
          <button type="button" className="button secondary" onClick={onCancel}>
            {t('sync.cancel')}
          </button>
        )}
      </div>
      <ErrorNotice error={error} />
    </form>
  );
}
