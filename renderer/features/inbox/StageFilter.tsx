// The inbox's filter per stage (a group of toggle buttons with counts) and its order (oldest or newest first).
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { DocumentStage, STAGE_LABELS } from '../../../src/contract';
import { useAnnounce } from '../../app/announcer';
import { asLang } from '../../i18n';
import type { InboxOrder } from './model';
import './inbox.css';

interface Props {
  counts: Record<DocumentStage, number> | null;
  stage: DocumentStage | null;
  onStage(stage: DocumentStage | null): void;
  order: InboxOrder;
  onOrder(order: InboxOrder): void;
}

export function StageFilter({ counts, stage, onStage, order, onOrder }: Props) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const announce = useAnnounce();
  const label = (s: DocumentStage | null) => (s === null ? t('inboxStage.all') : STAGE_LABELS[s][lang]);
  const total = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : null;
  const countOf = (s: DocumentStage | null) => (s === null ? total : (counts?.[s] ?? null));

  // Politely tell how many documents the chosen stage holds, when it is chosen and when that number changes.
  const shown = countOf(stage);
  const told = useRef<string | null>(null);
  useEffect(() => {
    if (shown === null) return;
    const text = t('inboxStage.shown', { label: label(stage), count: shown });
    if (told.current !== null && told.current !== text) announce(text);
    told.current = text;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `label` follows `lang`, `t` and `stage`
  }, [shown, stage, lang, t, announce]);

  return (
    <div className="stage-filter">
      <div role="group" aria-label={t('inboxStage.filterLabel')} className="stage-chips">
        {[null, ...DocumentStage.options].map((s) => {
          const n = countOf(s);
          return (
            <button
              key={s ?? 'all'}
              type="button"
              className="chip"
              data-stage={s ?? 'all'}
              aria-pressed={stage === s}
              onClick={() => onStage(s)}
            >
              {n === null ? label(s) : t('inboxStage.option', { label: label(s), count: n })}
            </button>
          );
        })}
      </div>
      <label className="stage-order">
        {t('inboxStage.order')}{' '}
        <select value={order} onChange={(e) => onOrder(e.target.value === 'newest' ? 'newest' : 'oldest')}>
          <option value="oldest">{t('inboxStage.oldest')}</option>
          <option value="newest">{t('inboxStage.newest')}</option>
        </select>
      </label>
    </div>
  );
}
