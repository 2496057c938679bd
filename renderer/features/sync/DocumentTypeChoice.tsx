// The document type and vertrouwelijkheid chosen while linking: only the types the zaak's zaaktype allows, the
// vertrouwelijkheid following the chosen type unless the clerk picks another.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Vertrouwelijkheid } from '../../../src/contract/sync';
import { typeVertrouwelijkheid, type TypeOption } from './classify-model';

export function DocumentTypeChoice({
  options,
  type,
  vertrouwelijkheid,
  onType,
  onVertrouwelijkheid,
  error,
}: {
  options: readonly TypeOption[];
  type: string;
  vertrouwelijkheid: string;
  onType: (url: string, vertrouwelijkheid: string) => void;
  onVertrouwelijkheid: (v: string) => void;
  error: string | null;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="type-choice" data-testid="type-choice">
      <div className="field">
        <label htmlFor={`${id}-type`}>{t('filing.documenttype')}</label>
        <p className="field-hint" id={`${id}-type-hint`}>
          {t('filing.documenttypeHint')}
        </p>
        <select
          id={`${id}-type`}
          name="documenttype"
          value={type}
          onChange={(e) => onType(e.target.value, typeVertrouwelijkheid(options, e.target.value))}
          aria-describedby={`${id}-type-hint${error ? ` ${id}-type-error` : ''}`}
          aria-invalid={error ? true : undefined}
        >
          {!type && <option value="">{t('filing.documenttypeChoose')}</option>}
          {options.map((o) => (
            <option key={o.url} value={o.url}>
              {o.omschrijving}
            </option>
          ))}
        </select>
        {error && (
          <p className="field-error" id={`${id}-type-error`}>
            {error}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-vh`}>{t('filing.vertrouwelijkheid')}</label>
        <select id={`${id}-vh`} name="vertrouwelijkheid" value={vertrouwelijkheid} onChange={(e) => onVertrouwelijkheid(e.target.value)}>
          <option value="">{t('filing.vertrouwelijkheidNone')}</option>
          {Vertrouwelijkheid.options.map((v) => (
            <option key={v} value={v}>
              {t(`filing.vertrouwelijkheidValues.${v}`)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
