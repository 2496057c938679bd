// The administrator's list of Selectielijst addresses (setting selectielijstBases) as one text box, one address a line.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { SELECTIELIJST_BASES_MAX } from '../../../src/contract';

/** The addresses typed, one a line (empty lines left out). */
export function basesOf(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** The labels of the core's reasons per address (`selectielijstBases.0` …), for ErrorNotice. */
export function basesFieldLabels(t: (key: string, o?: Record<string, unknown>) => string): Record<string, string> {
  const labels: Record<string, string> = { selectielijstBases: t('settings.selectielijstBases') };
  for (let i = 0; i < SELECTIELIJST_BASES_MAX; i++) labels[`selectielijstBases.${i}`] = t('settings.selectielijstBasesLine', { n: i + 1 });
  return labels;
}

export function SelectielijstBasesField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t('settings.selectielijstBases')}</label>
      <p className="field-hint" id={`${id}-hint`}>
        {t('settings.selectielijstBasesHint', { max: SELECTIELIJST_BASES_MAX })}
      </p>
      <textarea
        id={id}
        name="selectielijstBases"
        aria-describedby={`${id}-hint`}
        rows={3}
        spellCheck={false}
        autoComplete="off"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}
