// The form for a person: a new one (login, name, roles, zaaksysteem id, first PIN) or a change to one (name, roles,
// zaaksysteem id). Checks what it can before the core does; the core's refusal is shown beneath.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLE_LABELS, ROLES, type Role, type WireError } from '../../../src/contract';
import { asLang } from '../../i18n';
import { ErrorNotice } from '../../ui/ErrorMessage';
import { Field } from '../../ui/Field';
import { loginProblem, pinProblem } from '../auth/rules';

export interface PersonDraft {
  login: string;
  name: string;
  roles: Role[];
  zgwUserId: string;
  pin: string;
}

type Problem = 'login' | 'name' | 'roles' | 'pin' | 'repeat';

export function PersonForm({
  mode,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  mode: 'add' | 'edit';
  initial: PersonDraft;
  submitLabel: string;
  /** Resolves to the core's refusal, or null when it was accepted. */
  onSubmit: (draft: PersonDraft) => Promise<WireError | null>;
  onCancel?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const [draft, setDraft] = useState(initial);
  const [repeat, setRepeat] = useState('');
  const [problems, setProblems] = useState<Partial<Record<Problem, string>>>({});
  const [error, setError] = useState<WireError | null>(null);
  const [busy, setBusy] = useState(false);
  const rolesId = useId();
  const set = (k: 'login' | 'name' | 'zgwUserId' | 'pin') => (v: string) => setDraft((d) => ({ ...d, [k]: v }));
  const toggle = (r: Role, on: boolean) =>
    setDraft((d) => ({ ...d, roles: on ? ROLES.filter((x) => x === r || d.roles.includes(x)) : d.roles.filter((x) => x !== r) }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Partial<Record<Problem, string>> = {};
    const lp = mode === 'add' ? loginProblem(draft.login) : null;
    if (lp) found.login = t(lp);
    if (draft.name.trim() === '') found.name = t('auth.nameMissing');
    if (draft.roles.length === 0) found.roles = t('people.rolesMissing');
    if (mode === 'add') {
      const pp = pinProblem(draft.pin);
      if (pp) found.pin = t(pp);
      else if (repeat !== draft.pin) found.repeat = t('auth.pinMismatch');
    }
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setError(null);
    setBusy(true);
    const refused = await onSubmit(draft);
    setBusy(false);
    setError(refused);
  };

  const labels = {
    login: t('auth.login'),
    name: t('auth.name'),
    roles: t('people.roles'),
    zgwUserId: t('auth.zgwUserId'),
    pin: t('people.firstPin'),
  };
  return (
    <form className="person-form" data-person-form={mode} onSubmit={submit} noValidate>
      {mode === 'add' && (
        <Field
          name="login"
          label={labels.login}
          hint={t('auth.loginHint')}
          value={draft.login}
          onChange={set('login')}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={40}
          error={problems.login}
        />
      )}
      <Field
        name="name"
        label={labels.name}
        value={draft.name}
        onChange={set('name')}
        autoComplete="off"
        maxLength={120}
        error={problems.name}
      />
      <fieldset className="role-choice" aria-describedby={problems.roles ? `${rolesId}-error` : undefined}>
        <legend>{labels.roles}</legend>
        {ROLES.map((r) => (
          <div className="check" key={r}>
            <input
              type="checkbox"
              id={`${rolesId}-${r}`}
              name="roles"
              value={r}
              checked={draft.roles.includes(r)}
              onChange={(e) => toggle(r, e.target.checked)}
              aria-describedby={`${rolesId}-${r}-hint`}
            />
            <label htmlFor={`${rolesId}-${r}`}>{ROLE_LABELS[r][lang]}</label>
            <span className="check-hint" id={`${rolesId}-${r}-hint`}>
              {t(`people.roleHints.${r}`)}
            </span>
          </div>
        ))}
        {problems.roles && (
          <p className="field-error" id={`${rolesId}-error`}>
            {problems.roles}
          </p>
        )}
      </fieldset>
      <Field
        name="zgwUserId"
        label={labels.zgwUserId}
        hint={t('auth.zgwUserIdHint')}
        value={draft.zgwUserId}
        onChange={set('zgwUserId')}
        autoComplete="off"
        spellCheck={false}
        maxLength={255}
      />
      {mode === 'add' && (
        <>
          <Field
            name="pin"
            type="password"
            label={labels.pin}
            hint={t('people.firstPinHint')}
            value={draft.pin}
            onChange={set('pin')}
            autoComplete="new-password"
            maxLength={1024}
            error={problems.pin}
          />
          <Field
            name="repeat"
            type="password"
            label={t('auth.repeatPin')}
            value={repeat}
            onChange={setRepeat}
            autoComplete="new-password"
            maxLength={1024}
            error={problems.repeat}
          />
        </>
      )}
      <ErrorNotice error={error} fields={labels} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('auth.busy') : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button secondary" onClick={onCancel}>
            {t('people.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

/** A new PIN for a person who forgot theirs (twice). */
export function PinForm({ onSubmit, onCancel }: { onSubmit: (pin: string) => Promise<WireError | null>; onCancel: () => void }) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problems, setProblems] = useState<{ pin?: string; repeat?: string }>({});
  const [error, setError] = useState<WireError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const pp = pinProblem(pin);
    const found = pp ? { pin: t(pp) } : repeat !== pin ? { repeat: t('auth.pinMismatch') } : {};
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setError(await onSubmit(pin));
    setBusy(false);
  };
  return (
    <form className="person-form" data-person-form="pin" onSubmit={submit} noValidate>
      <Field
        name="pin"
        type="password"
        label={t('people.newPin')}
        hint={t('auth.pinHint')}
        value={pin}
        onChange={setPin}
        autoComplete="new-password"
        maxLength={1024}
        error={problems.pin}
      />
      <Field
        name="repeat"
        type="password"
        label={t('auth.repeatPin')}
        value={repeat}
        onChange={setRepeat}
        autoComplete="new-password"
        maxLength={1024}
        error={problems.repeat}
      />
      <ErrorNotice error={error} fields={{ pin: t('people.newPin') }} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('auth.busy') : t('people.setPin')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('people.cancel')}
        </button>
      </div>
    </form>
  );
}
