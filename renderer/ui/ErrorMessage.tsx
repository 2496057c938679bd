// An error from the core as one sentence: the message for its code in the UI language, then the particular reason
// the core gave.
import { useTranslation } from 'react-i18next';
import type { WireError } from '../../src/contract';
import { asLang } from '../i18n';
import { coreDetail, errorText } from './errorText';
import { Notice } from './Notice';

/** The core's reason is Dutch; in the English UI it is marked as such for screen readers. */
export function ErrorMessage({ error }: { error: Pick<WireError, 'code'> & { message?: string } }) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const detail = coreDetail(error);
  return (
    <>
      {errorText(t, lang, error)}
      {detail && (
        <>
          {' '}
          <span lang={lang === 'nl' ? undefined : 'nl'}>{detail}</span>
        </>
      )}
    </>
  );
}

/** An error from the core as an alert (announced at once), or nothing when there is none. */
export function ErrorNotice({ error }: { error: (Pick<WireError, 'code'> & { message?: string }) | null | undefined }) {
  if (!error) return null;
  return (
    <Notice tone="error" role="alert">
      <p>
        <ErrorMessage error={error} />
      </p>
    </Notice>
  );
}
