// The language switch in the header: Nederlands / English.
import { useTranslation } from 'react-i18next';
import { LANGS, asLang, type Lang } from '../i18n';
import { useAnnounce } from './announcer';
import { useApi } from './api';

/** The choice is stored in the core's settings when the store is open. */
export function LanguageSwitch({ persist }: { persist: boolean }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const announce = useAnnounce();
  const current = asLang(i18n.language);
  const choose = async (lang: Lang) => {
    if (lang === current) return;
    await i18n.changeLanguage(lang);
    announce(i18n.t('language.changed'));
    if (persist) await api.call('settings.set', { locale: lang });
  };
  return (
    <div className="lang-switch" role="group" aria-label={t('language.label')}>
      {LANGS.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={l === current} onClick={() => void choose(l)}>
          {t(`language.${l}`)}
        </button>
      ))}
    </div>
  );
}
