// What the sign-in and people forms check before they ask the core (the core checks again), and how a refused
// sign-in reads.
import type { TFunction } from 'i18next';
import { Login, Pin, type WireError } from '../../../src/contract';
import type { Lang } from '../../i18n';
import { errorText } from '../../ui/errorText';

/** A login as people type it: surrounding spaces dropped, capitals made small (logins are lower case). */
export const normaliseLogin = (v: string) => v.trim().toLowerCase();

/** The i18n key of what is wrong with a new login, or null. */
export const loginProblem = (v: string): string | null => (Login.safeParse(normaliseLogin(v)).success ? null : 'auth.loginInvalid');

/** The i18n key of what is wrong with a new PIN, or null. */
export const pinProblem = (v: string): string | null => (Pin.safeParse(v).success ? null : 'auth.pinInvalid');

/** The text of a refused sign-in: a delay names its seconds; anything else is the code's message. */
export function signInErrorText(t: TFunction, lang: Lang, error: WireError): string {
  const seconds = error.details?.retryAfterSeconds;
  if (error.code === 'sign-in-delayed' && typeof seconds === 'number') return t('auth.delayed', { count: seconds });
  return errorText(t, lang, error);
}
