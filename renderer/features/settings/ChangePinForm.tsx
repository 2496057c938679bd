// A person changes their own PIN: the current one, then the new one twice.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WireError } from '../../../src/contract';
import { useAnnounce } from '../../app/announcer';
import { useApi } from '../../app/api';
import { ErrorNotice } from '../../ui/ErrorMessage';
import { Field } from '../../ui/Field';
import { Notice } from '../../ui/Notice';
import { pinProblem } from '../auth/rules';

export function ChangePinForm() {
  const { t } = useTranslation();
  const api = useApi();
  const announce = useAnnounce();
  const [v, setV] = useState({ current: '', next: '', repeat: '' });
  const [problems, setProblems] = useState<{ current?: string; next?: string; repeat?: string }>({});
  const [error, setError] = useState<WireError | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof v) => (x: string) => setV((old) => ({ ...old, [k]: x }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const pp = pinProblem(v.next);
    const found = {
      ...(v.current === '' ? { current: t('auth.pinMissing') } : {}),
      ...(pp ? { next: t(pp) } : v.repeat !== v.next ? { repeat: t('auth.pinMismatch') } : {}),
    };
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setError(null);
    setBusy(true);
    const r = await api.call('auth.changePin', { current: v.current, next: v.next });
    setBusy(false);
    setV({ current: '', next: '', repeat: '' });
    if (!r.ok) return setError(r.error);
    setDone(true);
    announce(t('settings.pinChanged'));
  };

  return (
    <form className="person-form" data-testid="change-pin-form" onSubmit={submit} noValidate>
      <Field
        name="current"
        type="password"
        label={t('settings.currentPin')}
        value={v.current}
        onChange={set('current')}
        autoComplete="current-password"
        maxLength={1024}
        error={problems.current}
      />
      <Field
        name="next"
        type="password"
        label={t('people.newPin')}
        hint={t('auth.pinHint')}
        value={v.next}
        onChange={set('next')}
        autoComplete="new-password"
        maxLength={1024}
        error={problems.next}
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
      <ErrorNotice error={error} fields={{ next: t('people.newPin') }} />
      {done && (
        <Notice tone="success" role="status">
          <p>{t('settings.pinChanged')}</p>
        </Notice>
      )}
      <button type="submit" className="button" disabled={busy}>
        {busy ? t('auth.busy') : t('settings.changePin')}
      </button>
    </form>
  );
}
