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

type ShownError = Pick<WireError, 'code'> & { message?: string; details?: Record<string, unknown> };

/**
 * An error from the core as an alert (announced at once), or nothing when there is none. Refused input lists what
 * the core found wrong, each under its field's label when `fields` names it (the core's reasons are Dutch).
 */
export function ErrorNotice({ error, fields = {} }: { error: ShownError | null | undefined; fields?: Record<string, string> }) {
  const { i18n } = useTranslation();
  if (!error) return null;
  const issues = inputIssues(error);
  const lang = asLang(i18n.language);
  return (
    <Notice tone="error" role="alert">
      <p>
        <ErrorMessage error={error} />
      </p>
      {issues.length > 0 && (
        <ul>
          {issues.map((i, n) => (
            <li key={n}>
              {fields[i.path] ?? i.path}: <span lang={lang === 'nl' ? undefined : 'nl'}>{i.message}</span>
            </li>
          ))}
        </ul>
      )}
    </Notice>
  );
}

/** The issues of an `invalid-input` answer (path and the core's message), or none. */
export function inputIssues(error: ShownError): { path: string; message: string }[] {
  const raw = error.code === 'invalid-input' ? error.details?.issues : undefined;
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((i): i is { path: unknown; message: unknown } => typeof i === 'object' && i !== null)
    .map((i) => ({ path: String(i.path ?? ''), message: String(i.message ?? '') }))
    .filter((i) => i.message !== '');
}
