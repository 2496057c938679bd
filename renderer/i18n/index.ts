// The UI languages and the app's one i18next instance: Dutch first, English as the only alternative.
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { nl } from './nl';

export type Lang = 'nl' | 'en';
export const LANGS: readonly Lang[] = ['nl', 'en'];
export const resources = { nl: { translation: nl }, en: { translation: en } } as const;

/** Bundled: nothing is fetched. */
export function createI18n(lng: Lang = 'nl'): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: 'nl',
    supportedLngs: LANGS as Lang[],
    initAsync: false,
    // React escapes text itself; escaping here as well would show entities such as &quot; on screen.
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}

export const asLang = (v: string | undefined | null): Lang => (v === 'en' ? 'en' : 'nl');
