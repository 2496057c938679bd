// The lock screen: the session's own person types their PIN to go on where they were, or someone else signs in.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from '../../app/announcer';
import { useApi } from '../../app/api';
import { useSession } from '../../app/session';
import { asLang } from '../../i18n';
import { Field } from '../../ui/Field';
import { Notice } from '../../ui/Notice';
import { PageHeading } from '../../ui/PageHeading';
import { signInErrorText } from './rules';

export function LockScreen({ who }: { who: { login: string; name: string } }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const session = useSession();
  const announce = useAnnounce();
  const [pin, setPin] = useState('');
  const [missing, setMissing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pinRef = useRef<HTMLInputElement>(null);

  // The PIN field has the focus (autoFocus); a screen reader also hears, politely, why the screen changed.
  useEffect(() => {
    announce(t('auth.lockedAnnounce', { name: who.name }));
  }, [announce, t, who.name]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMissing(pin === '');
    if (pin === '') return;
    setProblem(null);
    setBusy(true);
    const r = await api.call('auth.signIn', { login: who.login, pin });
    setBusy(false);
    if (r.ok && r.data.person) return session.signedIn(r.data);
    setPin('');
    setProblem(r.ok ? t('auth.notSignedIn') : signInErrorText(t, asLang(i18n.language), r.error));
    pinRef.current?.focus();
  };

  const title = t('auth.lockedTitle', { name: who.name });
  return (
    <div className="auth-screen">
      <PageHeading title={title}>{title}</PageHeading>
      <p>{t('auth.lockedIntro')}</p>
      <form data-auth-form="lock" data-login={who.login} onSubmit={submit} noValidate>
        <Field
          name="pin"
          type="password"
          label={t('auth.pin')}
          value={pin}
          onChange={setPin}
          autoComplete="current-password"
          maxLength={1024}
          error={missing ? t('auth.pinMissing') : null}
          inputRef={pinRef}
          autoFocus
        />
        {problem && (
          <Notice tone="error" role="alert">
            <p>{problem}</p>
          </Notice>
        )}
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('auth.busy') : t('auth.unlock')}
          </button>
          <button type="button" className="button secondary" data-testid="switch-user" onClick={() => void session.switchUser()}>
            {t('auth.otherUser')}
          </button>
        </div>
      </form>
    </div>
  );
}
