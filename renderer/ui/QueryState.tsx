// The loading and error states every screen shares.
import { useTranslation } from 'react-i18next';
import type { WireError } from '../../src/contract';
import { asLang } from '../i18n';
import { errorText } from './errorText';
import { Notice } from './Notice';

/** Renders nothing once data is there. */
export function QueryState({
  loading,
  error,
  reload,
  hasData,
}: {
  loading: boolean;
  error?: WireError;
  reload?: () => void;
  hasData: boolean;
}) {
  const { t, i18n } = useTranslation();
  if (error) {
    return (
      <Notice tone="error" role="alert">
        <p>{errorText(t, asLang(i18n.language), error)}</p>
        {reload && (
          <button type="button" className="button" onClick={reload}>
            {t('app.retry')}
          </button>
        )}
      </Notice>
    );
  }
  if (loading && !hasData)
    return (
      <p className="muted" role="status">
        {t('app.loading')}
      </p>
    );
  return null;
}
