// The user-facing text for an error code in the UI language (looked up by code, not taken from the wire, so a
// language switch applies), with the file name appended when the error is about one file.
import type { TFunction } from 'i18next';
import { errorMessages, messageFor, type WireError } from '../../src/contract';
import { CONNECTION_LOST } from '../app/bridge';
import type { Lang } from '../i18n';

/** An internal error keeps the core's reference so the administrator can find it in the log. */
export function errorText(t: TFunction, lang: Lang, error: Pick<WireError, 'code'> & { message?: string }, file?: string): string {
  let msg = error.code === CONNECTION_LOST ? t('errors.connectionLost') : messageFor(error.code, lang);
  const ref = error.code === 'internal' ? /\(ref ([0-9a-f]{8})\)/.exec(error.message ?? '')?.[1] : undefined;
  if (ref) msg = `${msg} (ref ${ref})`;
  return file ? t('errors.withFile', { message: msg, file }) : msg;
}

/**
 * What the core said beyond the standard message for its code: the particular reason ("Het scanprofiel … is
 * vergrendeld door de beheerder.", "(de laatste pagina … kan niet worden verwijderd …)"). The core writes it in
 * Dutch after the code's Dutch message; null when there is nothing more, or when the message is not the core's.
 */
export function coreDetail(error: Pick<WireError, 'code'> & { message?: string }): string | null {
  if (error.code === 'internal' || !error.message) return null;
  const known = (errorMessages as Record<string, { nl: string }>)[error.code]?.nl;
  if (!known || !error.message.startsWith(known)) return null;
  const rest = error.message.slice(known.length).trim();
  return rest || null;
}
