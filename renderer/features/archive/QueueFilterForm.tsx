// The archive queue's controls: the classification state as toggle buttons with their counts, the filter form
// (zaaktype, documenttype, vertrouwelijkheid, period, sender, stage, delivered) and the sort.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CLASSIFICATION_STATES, QUEUE_SORTS, type ClassificationState } from '../../../src/contract/classification';
import { DocumentStage, STAGE_LABELS } from '../../../src/contract';
import { Vertrouwelijkheid } from '../../../src/contract/sync';
import { useCommand } from '../../app/api';
import { asLang } from '../../i18n';
import { formatNumber } from '../../ui/format';
import { filterProblem, NO_FILTERS, type QueueFilters, type QueueSort } from './queue-model';

export function StateChips({
  state,
  counts,
  onState,
}: {
  state: ClassificationState | '';
  counts: Record<ClassificationState, number> | null;
  onState: (s: ClassificationState | '') => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const id = useId();
  const n = (s: ClassificationState) => (counts ? formatNumber(counts[s] ?? 0, lang) : '…');
  return (
    <div className="stage-filter" role="group" aria-labelledby={`${id}-l`} data-testid="archive-states">
      <span id={`${id}-l`}>{t('archive.stateLabel')}</span>
      <div className="stage-chips">
        <button type="button" className="chip" aria-pressed={state === ''} onClick={() => onState('')}>
          {t('archive.allStates')}
        </button>
        {CLASSIFICATION_STATES.map((s) => (
          <button key={s} type="button" className="chip" aria-pressed={state === s} data-state={s} onClick={() => onState(s)}>
            {t('archive.stateCount', { label: t(`archive.states.${s}`), count: n(s) })}
          </button>
        ))}
      </div>
    </div>
  );
}

export function QueueFilterForm({
  applied,
  onApply,
  sort,
  onSort,
}: {
  applied: QueueFilters;
  onApply: (f: QueueFilters) => void;
  sort: QueueSort;
  onSort: (s: QueueSort) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const id = useId();
  const catalogue = useCommand('sync.catalogue', {});
  const [draft, setDraft] = useState<QueueFilters>(applied);
  const [problem, setProblem] = useState<string | null>(null);
  const set = (k: keyof QueueFilters) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));
  const zaaktypen = [...(catalogue.data?.zaaktypen ?? [])].sort((a, b) => a.omschrijving.localeCompare(b.omschrijving, 'nl'));
  const types = [...new Set((catalogue.data?.informatieobjecttypen ?? []).map((o) => o.omschrijving))].sort((a, b) =>
    a.localeCompare(b, 'nl'),
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (filterProblem(draft)) {
      setProblem(t('archive.periodReversed'));
      return;
    }
    setProblem(null);
    onApply({ ...draft, state: applied.state });
  };
  const clear = () => {
    const next = { ...NO_FILTERS, state: applied.state };
    setDraft(next);
    setProblem(null);
    onApply(next);
  };
  const select = (k: keyof QueueFilters, label: string, options: { value: string; label: string }[]) => (
    <div className="field">
      <label htmlFor={`${id}-${k}`}>{label}</label>
      <select id={`${id}-${k}`} name={k} value={draft[k]} onChange={(e) => set(k)(e.target.value)}>
        <option value="">{t('archive.any')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <form className="archive-filters" aria-labelledby={`${id}-h`} onSubmit={submit} noValidate data-testid="archive-filters">
      <h2 id={`${id}-h`}>{t('archive.filtersHeading')}</h2>
      <div className="form-grid">
        {select(
          'zaaktype',
          t('archive.zaaktype'),
          zaaktypen.map((z) => ({ value: z.url, label: z.omschrijving })),
        )}
        {select(
          'documenttype',
          t('archive.documenttype'),
          types.map((o) => ({ value: o, label: o })),
        )}
        {select(
          'vertrouwelijkheid',
          t('archive.vertrouwelijkheid'),
          Vertrouwelijkheid.options.map((v) => ({ value: v, label: t(`filing.vertrouwelijkheidValues.${v}`) })),
        )}
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('archive.from')}</label>
          <input id={`${id}-from`} name="from" type="date" value={draft.from} onChange={(e) => set('from')(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('archive.to')}</label>
          <input
            id={`${id}-to`}
            name="to"
            type="date"
            value={draft.to}
            onChange={(e) => set('to')(e.target.value)}
            aria-describedby={problem ? `${id}-error` : undefined}
            aria-invalid={problem ? true : undefined}
          />
          {problem && (
            <p className="field-error" id={`${id}-error`} role="alert">
              {problem}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-afzender`}>{t('archive.afzender')}</label>
          <input
            id={`${id}-afzender`}
            name="afzender"
            type="text"
            autoComplete="off"
            maxLength={200}
            value={draft.afzender}
            onChange={(e) => set('afzender')(e.target.value)}
          />
        </div>
        {select(
          'stage',
          t('archive.stage'),
          DocumentStage.options.map((s) => ({ value: s, label: STAGE_LABELS[s][lang] })),
        )}
        {select('delivered', t('archive.delivered'), [
          { value: 'ja', label: t('archive.deliveredYes') },
          { value: 'nee', label: t('archive.deliveredNo') },
        ])}
      </div>
      <div className="form-actions">
        <button type="submit" className="button">
          {t('archive.apply')}
        </button>
        <button type="button" className="button secondary" onClick={clear}>
          {t('archive.clear')}
        </button>
        <label htmlFor={`${id}-sort`} className="sort-label">
          {t('archive.sort')}
        </label>
        <select id={`${id}-sort`} name="sort" value={sort} onChange={(e) => onSort(e.target.value as QueueSort)}>
          {QUEUE_SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`archive.sorts.${s}`)}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
