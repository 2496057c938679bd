// The six stages at a glance: each count (a link to the inbox filtered to that stage), the age of its oldest item,
// and a visible, announced warning when that is older than the setting stageWarnHours allows.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { STAGE_LABELS, type CommandOutput, type DocumentStage } from '../../../src/contract';
import { useAnnounce } from '../../app/announcer';
import { routeHref } from '../../app/route';
import { asLang } from '../../i18n';
import { Badge } from '../../ui/Badge';
import { formatDate, formatNumber } from '../../ui/format';
import { ageWords } from './model';

/** The stages in the order post moves through them. */
export const FLOW: readonly DocumentStage[] = [
  'nieuw',
  'te-controleren',
  'klaar-om-te-koppelen',
  'in-outbox',
  'aandacht-nodig',
  'afgeleverd',
];

export function StagesSection({ stages, now }: { stages: CommandOutput<'app.status'>['stages']; now: Date }) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const announce = useAnnounce();
  const label = (s: DocumentStage) => STAGE_LABELS[s][lang];

  // Say it when a stage starts to warn (not on every refresh, not for the ones already told).
  const warned = FLOW.filter((s) => stages[s]?.warn).join(',');
  const told = useRef<string | null>(null);
  useEffect(() => {
    const now = warned ? warned.split(',') : [];
    const before = told.current === null ? [] : told.current.split(',').filter(Boolean);
    const fresh = now.filter((s) => !before.includes(s));
    if (fresh.length > 0) announce(t('desk.warnAnnounce', { stages: fresh.map((s) => label(s as DocumentStage)).join(', ') }));
    told.current = warned;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `label` follows `lang`
  }, [warned, announce, t, lang]);

  return (
    <section aria-labelledby="desk-stages">
      <h2 id="desk-stages">{t('desk.stagesTitle')}</h2>
      <ul className="desk-stages">
        {FLOW.map((s) => {
          const a = stages[s] ?? { count: 0, oldestAt: null, warn: false };
          const age = ageWords(a.oldestAt, now);
          const ageText =
            age.key === 'ageSince'
              ? t('desk.ageSince', { date: formatDate(age.date, lang) })
              : age.key === 'ageHours'
                ? t('desk.ageHours', { count: age.count })
                : t(`desk.${age.key}`);
          return (
            <li key={s} className={a.warn ? 'desk-stage warn' : 'desk-stage'} data-stage={s}>
              <h3 className="desk-stage-name">{label(s)}</h3>
              <a
                className="desk-stage-count"
                href={routeHref({ name: 'inbox', stage: s })}
                aria-label={t('desk.countLink', { count: a.count, label: label(s) })}
                data-count={a.count}
              >
                {formatNumber(a.count, lang)}
              </a>
              <p className="desk-stage-age">
                {s === 'afgeleverd' ? t('desk.sinceMidnight') + ' · ' : ''}
                {a.count > 0 ? (s === 'afgeleverd' ? t('desk.firstToday', { age: ageText }) : t('desk.oldest', { age: ageText })) : ''}
              </p>
              {a.warn && (
                <p className="desk-stage-warn">
                  <Badge tone="warning">{t('desk.warnBadge')}</Badge> {t('desk.warnText')}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
