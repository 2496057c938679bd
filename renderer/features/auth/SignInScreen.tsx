// The sign-in form: login and PIN (or passphrase); also where "Andere gebruiker" leads from a locked session.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../app/api';
import { useSession } from '../../app/session';
import { asLang } from '../../i18n';
import { Field } from '../../ui/Field';
import { Notice } from '../../ui/Notice';
import { PageHeading } from '../../ui/PageHeading';
import { normaliseLogin, signInErrorText } from './rules';

export function SignInScreen() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const session = useSession();
  const lockedFor = session.auth?.lockedFor ?? null;
  const [login, setLogin] = useState('');
  const [pin, setPin] = useState('');
  const [missing, setMissing] = useState<{ login?: boolean; pin?: boolean }>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pinRef = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const who = normaliseLogin(login);
    const gaps = { login: who === '', pin: pin === '' };
    setMissing(gaps);
    if (gaps.login || gaps.pin) return;
    setProblem(null);
    setBusy(true);
    const r = await api.call('auth.signIn', { login: who, pin });
    setBusy(false);
    if (r.ok && r.data.person) return session.signedIn(r.data);
    setPin('');
    setProblem(r.ok ? t('auth.notSignedIn') : signInErrorText(t, asLang(i18n.language), r.error));
    pinRef.current?.focus();
  };

  return (
    <div className="auth-screen">
      <PageHeading title={t('auth.signInTitle')}>{t('auth.signInTitle')}</PageHeading>
      <p>{t('auth.signInIntro')}</p>
      <form data-auth-form="sign-in" onSubmit={submit} noValidate>
        <Field
          name="login"
          label={t('auth.login')}
          value={login}
          onChange={setLogin}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={100}
          error={missing.login ? t('auth.loginMissing') : null}
          autoFocus
        />
        <Field
          name="pin"
          type="password"
          label={t('auth.pin')}
          value={pin}
          onChange={setPin}
          autoComplete="current-password"
          maxLength={1024}
          error={missing.pin ? t('auth.pinMissing') : null}
          inputRef={pinRef}
        />
        {problem && (
          <Notice tone="error" role="alert">
            <p>{problem}</p>
          </Notice>
        )}
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('auth.busy') : t('auth.signIn')}
          </button>
          {lockedFor && (
            <button type="button" className="button secondary" onClick={session.cancelSwitch}>
              {t('auth.backToLock', { name: lockedFor.name })}
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
