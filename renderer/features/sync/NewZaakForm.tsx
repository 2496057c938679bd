// The form that starts a new zaak for a letter: zaaktype, document type, description and the initiator, drawn from
// the letter where it can be, checked field by field before the core is asked.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary, WireError } from '../../../src/contract';
import { Vertrouwelijkheid, type OutboxItem } from '../../../src/contract/sync';
import { useFilingStep } from '../document/filing';
import type { VertrouwelijkheidValue } from './useTypeChoice';
import { preselectType, rememberedType, rememberType, typeVertrouwelijkheid, type TypeOption } from './classify-model';
import { useApi, useCommand, useEvent } from '../../app/api';
import { ErrorMessage, ErrorNotice } from '../../ui/ErrorMessage';
import { Notice } from '../../ui/Notice';
import { QueryState } from '../../ui/QueryState';
import { TextField } from './TextField';
import {
  allowedTypes,
  clip,
  INITIATOR_FIELDS,
  initialType,
  initiatorFromLetter,
  MAX,
  MAX_OMSCHRIJVING,
  ORDER,
  type CatalogueData,
  type FieldKey,
  type InitiatorDraft,
} from './new-zaak-rules';

/**
 * "Nieuwe zaak aanmaken": a zaaktype from the cached catalogue, a documenttype that zaaktype allows, an
 * omschrijving and the initiator taken from the letter. Sends `sync.newZaak`; the zaak is created in the
 * zaaksysteem by the delivery loop, so this works offline too.
 */
export function NewZaakForm({
  documentId,
  onDone,
  onCancel,
}: {
  documentId: string;
  onDone: (item: OutboxItem) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const doc = useCommand('documents.get', { id: documentId });
  const catalogue = useCommand('sync.catalogue', {});
  const status = useCommand('sync.status', {});
  const [fetching, setFetching] = useState(false);
  const [fetchError, setFetchError] = useState<WireError | null>(null);
  const empty = catalogue.data !== undefined && catalogue.data.zaaktypen.length === 0;
  // The background sync fills the catalogue; when it is empty, look again whenever the core reports a change.
  useEvent('status.changed', () => {
    if (empty) catalogue.reload();
  });

  const fetchNow = async () => {
    setFetching(true);
    setFetchError(null);
    const r = await api.call('sync.refresh', {});
    setFetching(false);
    if (!r.ok) setFetchError(r.error);
    catalogue.reload();
  };

  const connectionDefault = status.data?.connections.find((c) => c.active)?.informatieobjecttype ?? null;
  const loaded = doc.data && catalogue.data;
  return (
    <div className="zaak-form" data-testid="new-zaak">
      <QueryState loading={doc.loading} error={doc.error} reload={doc.reload} hasData={!!doc.data} />
      <QueryState loading={catalogue.loading} error={catalogue.error} reload={catalogue.reload} hasData={!!catalogue.data} />
      {loaded && empty && (
        <>
          <Notice tone="warning">
            <p data-testid="catalogue-empty">
              {catalogue.data!.env === null ? t('sync.noConnection') : t('sync.newZaakForm.catalogueEmpty')}
            </p>
          </Notice>
          {fetchError && (
            <Notice tone="error" role="alert">
              <p>
                <ErrorMessage error={fetchError} />
              </p>
            </Notice>
          )}
          <div className="form-actions">
            {catalogue.data!.env !== null && (
              <button type="button" className="button" disabled={fetching} onClick={() => void fetchNow()}>
                {fetching ? t('sync.newZaakForm.catalogueFetching') : t('sync.newZaakForm.catalogueFetch')}
              </button>
            )}
            <button type="button" className="button secondary" onClick={onCancel}>
              {t('sync.cancel')}
            </button>
          </div>
        </>
      )}
      {/* Keyed by environment: another connection means another catalogue, and choices made against the old one go. */}
      {loaded && !empty && (
        <NewZaakFields
          key={catalogue.data!.env ?? ''}
          documentId={documentId}
          doc={doc.data!}
          catalogue={catalogue.data!}
          connectionDefault={connectionDefault}
          onDone={onDone}
          onCancel={onCancel}
        />
      )}
    </div>
  );
}

function NewZaakFields({
  documentId,
  doc,
  catalogue,
  connectionDefault,
  onDone,
  onCancel,
}: {
  documentId: string;
  doc: DocumentSummary;
  catalogue: CatalogueData;
  connectionDefault: string | null;
  onDone: (item: OutboxItem) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const headingId = useId();
  const base = useId();
  const idOf = (k: string) => `${base}-${k}`;
  const errorIdOf = (k: FieldKey) => `${base}-${k}-error`;

  const zaaktypen = [...catalogue.zaaktypen].sort((a, b) => a.omschrijving.localeCompare(b.omschrijving, 'nl'));
  // The only zaaktype needs no choosing; with more, the clerk picks one on purpose.
  const [zaaktype, setZaaktype] = useState(() => (zaaktypen.length === 1 ? zaaktypen[0]!.url : ''));
  const types = zaaktype ? allowedTypes(catalogue, zaaktype) : [];
  const lastChoice = (zt: string) => rememberedType(typeof localStorage === 'undefined' ? null : localStorage, zt);
  const preselect = (zt: string, current: string) => {
    const opts = zt ? allowedTypes(catalogue, zt) : [];
    return current && opts.some((o) => o.url === current)
      ? current
      : preselectType(opts, doc.fields.documenttype, lastChoice(zt), connectionDefault) || initialType(opts, '', connectionDefault);
  };
  const [iot, setIot] = useState(() => preselect(zaaktype, ''));
  const typeVh = (url: string) => typeVertrouwelijkheid(types as TypeOption[], url);
  const [vh, setVh] = useState(() => doc.fields.vertrouwelijkheid.value ?? typeVh(iot));
  const [omschrijving, setOmschrijving] = useState(() => clip((doc.title || doc.fileName).trim(), MAX_OMSCHRIJVING));
  const [prefilled] = useState(() => initiatorFromLetter(doc.extracted));
  const [initiator, setInitiator] = useState<InitiatorDraft>(prefilled);
  const [errors, setErrors] = useState<Partial<Record<FieldKey, string>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const anyPrefilled = INITIATOR_FIELDS.some((k) => prefilled[k] !== '');

  const clearError = (k: FieldKey) => setErrors((e) => (e[k] ? { ...e, [k]: undefined } : e));

  const chooseZaaktype = (url: string) => {
    setZaaktype(url);
    clearError('zaaktype');
    // Keep the documenttype if the new zaaktype allows it too; otherwise start again from the default.
    const next = preselect(url, iot);
    setIot(next);
    setVh(typeVertrouwelijkheid((url ? allowedTypes(catalogue, url) : []) as TypeOption[], next) || vh);
    clearError('informatieobjecttype');
  };

  const setField = (k: keyof InitiatorDraft, v: string) => {
    setInitiator((i) => ({ ...i, [k]: v }));
    clearError('naam');
  };

  const validate = (): Partial<Record<FieldKey, string>> => {
    const found: Partial<Record<FieldKey, string>> = {};
    if (!zaaktype) found.zaaktype = t('sync.newZaakForm.zaaktypeRequired');
    else if (types.length > 0 && !iot) found.informatieobjecttype = t('sync.newZaakForm.documenttypeRequired');
    if (!omschrijving.trim()) found.omschrijving = t('sync.newZaakForm.omschrijvingRequired');
    const filled = INITIATOR_FIELDS.some((k) => initiator[k].trim() !== '');
    if (filled && !initiator.naam.trim()) found.naam = t('sync.newZaakForm.naamRequired');
    return found;
  };

  /** Sends the new zaak; true once the document is queued (what "Gereed" waits for). */
  const send = async (): Promise<boolean> => {
    if (busy) return false;
    const found = validate();
    setErrors(found);
    const first = ORDER.find((k) => found[k]);
    if (first) {
      document.getElementById(idOf(first))?.focus();
      return false;
    }
    const person = Object.fromEntries(
      INITIATOR_FIELDS.map((k) => [k, initiator[k].trim()]).filter(([, v]) => v !== ''),
    ) as Partial<InitiatorDraft>;
    setBusy(true);
    setError(null);
    const r = await api.call('sync.newZaak', {
      documentId,
      zaaktype,
      omschrijving: omschrijving.trim(),
      ...(person.naam ? { initiator: { ...person, naam: person.naam } } : {}),
      ...(iot ? { informatieobjecttype: iot } : {}),
      ...(vh ? { vertrouwelijkheidaanduiding: vh as VertrouwelijkheidValue } : {}),
    });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return false;
    }
    if (iot) rememberType(typeof localStorage === 'undefined' ? null : localStorage, zaaktype, iot);
    onDone(r.data);
    return true;
  };
  useFilingStep('link', send);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send();
  };

  const describedBy = (k: FieldKey, hint?: string) => [hint, errors[k] ? errorIdOf(k) : undefined].filter(Boolean).join(' ') || undefined;
  const fieldError = (k: FieldKey) =>
    errors[k] && (
      <p id={errorIdOf(k)} className="field-error">
        {errors[k]}
      </p>
    );
  const hints = {
    intro: idOf('intro'),
    types: idOf('types-hint'),
    omschrijving: idOf('omschrijving-hint'),
    initiator: idOf('initiator-hint'),
  };

  return (
    <form
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby={headingId}
      aria-describedby={hints.intro}
      data-testid="new-zaak-form"
    >
      <h3 id={headingId}>{t('sync.newZaakForm.heading')}</h3>
      <p id={hints.intro} className="muted">
        {t('sync.newZaakForm.intro')}
      </p>
      <div className="field">
        <label htmlFor={idOf('zaaktype')}>{t('sync.newZaakForm.zaaktype')}</label>
        <select
          id={idOf('zaaktype')}
          value={zaaktype}
          onChange={(e) => chooseZaaktype(e.target.value)}
          aria-invalid={!!errors.zaaktype || undefined}
          aria-describedby={describedBy('zaaktype')}
        >
          {zaaktypen.length !== 1 && <option value="">{t('sync.newZaakForm.zaaktypeChoose')}</option>}
          {zaaktypen.map((z) => (
            <option key={z.url} value={z.url}>
              {t('sync.newZaakForm.zaaktypeOption', { omschrijving: z.omschrijving, identificatie: z.identificatie })}
            </option>
          ))}
        </select>
        {fieldError('zaaktype')}
      </div>
      {types.length > 0 && (
        <div className="field">
          <label htmlFor={idOf('informatieobjecttype')}>{t('sync.newZaakForm.documenttype')}</label>
          <p id={hints.types} className="muted">
            {t('sync.newZaakForm.documenttypeHint')}
          </p>
          <select
            id={idOf('informatieobjecttype')}
            value={iot}
            onChange={(e) => {
              setIot(e.target.value);
              setVh(typeVh(e.target.value) || vh);
              clearError('informatieobjecttype');
            }}
            aria-invalid={!!errors.informatieobjecttype || undefined}
            aria-describedby={describedBy('informatieobjecttype', hints.types)}
          >
            {!types.some((o) => o.url === iot) && <option value="">{t('sync.newZaakForm.documenttypeChoose')}</option>}
            {types.map((o) => (
              <option key={o.url} value={o.url}>
                {o.url === connectionDefault ? t('sync.newZaakForm.documenttypeDefault', { omschrijving: o.omschrijving }) : o.omschrijving}
              </option>
            ))}
          </select>
          {fieldError('informatieobjecttype')}
        </div>
      )}
      <div className="field">
        <label htmlFor={idOf('vh')}>{t('filing.vertrouwelijkheid')}</label>
        <select id={idOf('vh')} value={vh} onChange={(e) => setVh(e.target.value)}>
          <option value="">{t('filing.vertrouwelijkheidNone')}</option>
          {Vertrouwelijkheid.options.map((v) => (
            <option key={v} value={v}>
              {t(`filing.vertrouwelijkheidValues.${v}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={idOf('omschrijving')}>{t('sync.newZaakForm.omschrijving')}</label>
        <p id={hints.omschrijving} className="muted">
          {t('sync.newZaakForm.omschrijvingHint', { max: MAX_OMSCHRIJVING })}
        </p>
        <input
          id={idOf('omschrijving')}
          type="text"
          autoComplete="off"
          maxLength={MAX_OMSCHRIJVING}
          value={omschrijving}
          onChange={(e) => {
            setOmschrijving(e.target.value);
            clearError('omschrijving');
          }}
          aria-invalid={!!errors.omschrijving || undefined}
          aria-describedby={describedBy('omschrijving', hints.omschrijving)}
        />
        {fieldError('omschrijving')}
      </div>
      <fieldset aria-describedby={hints.initiator} data-testid="initiator">
        <legend>{t('sync.newZaakForm.initiator')}</legend>
        <p id={hints.initiator} className="muted">
          {t('sync.newZaakForm.initiatorHint')}
          {anyPrefilled ? ` ${t('sync.newZaakForm.initiatorPrefilled')}` : ''}
        </p>
        <div className="form-grid">
          <TextField
            id={idOf('naam')}
            label={t('sync.newZaakForm.naam')}
            value={initiator.naam}
            max={MAX.naam}
            onChange={(v) => setField('naam', v)}
            invalid={!!errors.naam}
            describedBy={describedBy('naam')}
          >
            {fieldError('naam')}
          </TextField>
          <TextField
            id={idOf('adres')}
            label={t('sync.newZaakForm.adres')}
            value={initiator.adres}
            max={MAX.adres}
            onChange={(v) => setField('adres', v)}
          />
          <TextField
            id={idOf('postcode')}
            label={t('sync.newZaakForm.postcode')}
            value={initiator.postcode}
            max={MAX.postcode}
            onChange={(v) => setField('postcode', v)}
            plain
          />
          <TextField
            id={idOf('woonplaats')}
            label={t('sync.newZaakForm.woonplaats')}
            value={initiator.woonplaats}
            max={MAX.woonplaats}
            onChange={(v) => setField('woonplaats', v)}
          />
          <TextField
            id={idOf('email')}
            label={t('sync.newZaakForm.email')}
            value={initiator.email}
            max={MAX.email}
            onChange={(v) => setField('email', v)}
            plain
            inputMode="email"
          />
          <TextField
            id={idOf('telefoon')}
            label={t('sync.newZaakForm.telefoon')}
            value={initiator.telefoon}
            max={MAX.telefoon}
            onChange={(v) => setField('telefoon', v)}
            plain
            inputMode="tel"
          />
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('sync.busy') : t('sync.newZaakForm.submit')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('sync.cancel')}
        </button>
      </div>
      <ErrorNotice error={error} />
    </form>
  );
}
