import type { TFunction } from 'i18next';
import { messageFor, type WireError } from '../../src/contract';
import { CONNECTION_LOST } from '../app/bridge';
import type { Lang } from '../i18n';

/**
 * The user-facing text for an error code in the UI language (looked up by code, not taken from the wire, so a
 * language switch applies), with the file name appended when the error is about one file. An internal error
 * keeps the core's reference so the administrator can find it in the log.
 */
export function errorText(t: TFunction, lang: Lang, error: Pick<WireError, 'code'> & { message?: string }, file?: string): string {
  let msg = error.code === CONNECTION_LOST ? t('errors.connectionLost') : messageFor(error.code, lang);
  const ref = error.code === 'internal' ? /\(ref ([0-9a-f]{8})\)/.exec(error.message ?? '')?.[1] : undefined;
  if (ref) msg = `${msg} (ref ${ref})`;
  return file ? t('errors.withFile', { message: msg, file }) : msg;
}
