// The first start of a store without people: its first administrator (login, name, PIN twice, zaaksysteem id).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WireError } from '../../../src/contract';
import { useApi } from '../../app/api';
import { useSession } from '../../app/session';
import { ErrorNotice } from '../../ui/ErrorMessage';
import { Field } from '../../ui/Field';
import { PageHeading } from '../../ui/PageHeading';
import { loginProblem, normaliseLogin, pinProblem } from './rules';

type FieldName = 'login' | 'name' | 'pin' | 'repeat';

export function FirstAdminScreen() {
  const { t } = useTranslation();
  const api = useApi();
  const session = useSession();
  const [v, setV] = useState({ login: '', name: '', pin: '', repeat: '', zgwUserId: '' });
  const [problems, setProblems] = useState<Partial<Record<FieldName, string>>>({});
  const [error, setError] = useState<WireError | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof v) => (value: string) => setV((old) => ({ ...old, [k]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Partial<Record<FieldName, string>> = {};
    const lp = loginProblem(v.login);
    if (lp) found.login = t(lp);
    if (v.name.trim() === '') found.name = t('auth.nameMissing');
    const pp = pinProblem(v.pin);
    if (pp) found.pin = t(pp);
    else if (v.repeat !== v.pin) found.repeat = t('auth.pinMismatch');
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setError(null);
    setBusy(true);
    const zgw = v.zgwUserId.trim();
    const r = await api.call('auth.setup', { login: normaliseLogin(v.login), name: v.name.trim(), pin: v.pin, zgwUserId: zgw || null });
    setBusy(false);
    if (r.ok) return session.signedIn(r.data);
    setError(r.error);
    // Someone else made the first administrator meanwhile: the sign-in form takes over.
    if (r.error.code === 'people-exist') session.refresh();
  };

  const labels = { login: t('auth.login'), name: t('auth.name'), pin: t('auth.newPin'), zgwUserId: t('auth.zgwUserId') };
  return (
    <div className="auth-screen">
      <PageHeading title={t('auth.firstAdminTitle')}>{t('auth.firstAdminTitle')}</PageHeading>
      <p>{t('auth.firstAdminIntro')}</p>
      <form data-auth-form="first-admin" onSubmit={submit} noValidate>
        <Field
          name="login"
          label={labels.login}
          hint={t('auth.loginHint')}
          value={v.login}
          onChange={set('login')}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={40}
          error={problems.login}
          autoFocus
        />
        <Field
          name="name"
          label={labels.name}
          value={v.name}
          onChange={set('name')}
          autoComplete="name"
          maxLength={120}
          error={problems.name}
        />
        <Field
          name="pin"
          type="password"
          label={labels.pin}
          hint={t('auth.pinHint')}
          value={v.pin}
          onChange={set('pin')}
          autoComplete="new-password"
          maxLength={1024}
          error={problems.pin}
        />
        <Field
          name="repeat"
          type="password"
          label={t('auth.repeatPin')}
          value={v.repeat}
          onChange={set('repeat')}
          autoComplete="new-password"
          maxLength={1024}
          error={problems.repeat}
        />
        <Field
          name="zgwUserId"
          label={labels.zgwUserId}
          hint={t('auth.zgwUserIdHint')}
          value={v.zgwUserId}
          onChange={set('zgwUserId')}
          autoComplete="off"
          spellCheck={false}
          maxLength={255}
        />
        <ErrorNotice error={error} fields={labels} />
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('auth.busy') : t('auth.firstAdminSubmit')}
        </button>
      </form>
    </div>
  );
}
