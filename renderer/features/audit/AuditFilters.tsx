// The audit screen's filter form: person, action (from audit.actions), object and period, each labelled.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../app/api';
import { asLang } from '../../i18n';
import { filterProblem, NO_FILTERS, type AuditFilters as Filters } from './model';
import { actionLabel } from './terms';

export function AuditFilters({ applied, onApply }: { applied: Filters; onApply: (f: Filters) => void }) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const id = useId();
  const actions = useCommand('audit.actions', {});
  const [draft, setDraft] = useState<Filters>(applied);
  const [problem, setProblem] = useState<string | null>(null);
  const set = (k: keyof Filters) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (filterProblem(draft)) {
      setProblem(t('audit.periodReversed'));
      return;
    }
    setProblem(null);
    onApply(draft);
  };
  const clear = () => {
    setDraft(NO_FILTERS);
    setProblem(null);
    onApply(NO_FILTERS);
  };
  const options = (actions.data ?? [])
    .map((a) => ({ code: a.code, label: lang === 'nl' ? a.label : actionLabel(a.code, lang) }))
    .sort((a, b) => a.label.localeCompare(b.label, lang));

  return (
    <form className="audit-filters" aria-labelledby={`${id}-h`} onSubmit={submit} noValidate data-testid="audit-filters">
      <h2 id={`${id}-h`}>{t('audit.filtersHeading')}</h2>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-actor`}>{t('audit.person')}</label>
          <input
            id={`${id}-actor`}
            name="actor"
            type="text"
            autoComplete="off"
            spellCheck={false}
            maxLength={100}
            value={draft.actor}
            onChange={(e) => set('actor')(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-action`}>{t('audit.action')}</label>
          <select id={`${id}-action`} name="action" value={draft.action} onChange={(e) => set('action')(e.target.value)}>
            <option value="">{t('audit.allActions')}</option>
            {options.map((o) => (
              <option key={o.code} value={o.code}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-object`}>{t('audit.object')}</label>
          <input
            id={`${id}-object`}
            name="objectId"
            type="text"
            autoComplete="off"
            spellCheck={false}
            maxLength={100}
            value={draft.objectId}
            onChange={(e) => set('objectId')(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('audit.from')}</label>
          <input
            id={`${id}-from`}
            name="from"
            type="date"
            value={draft.from}
            onChange={(e) => set('from')(e.target.value)}
            aria-describedby={`${id}-period`}
            aria-invalid={problem ? true : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('audit.to')}</label>
          <input
            id={`${id}-to`}
            name="to"
            type="date"
            value={draft.to}
            onChange={(e) => set('to')(e.target.value)}
            aria-describedby={problem ? `${id}-period ${id}-error` : `${id}-period`}
            aria-invalid={problem ? true : undefined}
          />
          {problem && (
            <p className="field-error" id={`${id}-error`} role="alert">
              {problem}
            </p>
          )}
        </div>
      </div>
      <p className="muted" id={`${id}-period`}>
        {t('audit.periodHint')}
      </p>
      <div className="form-actions">
        <button type="submit" className="button">
          {t('audit.apply')}
        </button>
        <button type="button" className="button secondary" onClick={clear}>
          {t('audit.clear')}
        </button>
      </div>
    </form>
  );
}
