// The archivist's classification states at a glance on the desk: each count a link to the review queue on that state.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CLASSIFICATION_STATES, type ClassificationState } from '../../../src/contract';
import { useCommand } from '../../app/api';
import { routeHref } from '../../app/route';
import { asLang } from '../../i18n';
import { formatNumber } from '../../ui/format';

/** `changed`: anything that says the store moved (the desk's live status), so the counts follow it. */
export function ClassificationSection({ changed }: { changed: unknown }) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const queue = useCommand('classification.queue', { limit: 1 });
  const { reload } = queue;
  useEffect(() => reload(), [changed, reload]);
  const counts = queue.data?.counts;
  if (!counts) return null;
  return (
    <section aria-labelledby="desk-classification" className="desk-classification">
      <h2 id="desk-classification">{t('desk.classificationHeading')}</h2>
      <ul className="desk-classification-list">
        {CLASSIFICATION_STATES.map((s: ClassificationState) => (
          <li key={s} data-state={s}>
            <a href={routeHref({ name: 'archive', state: s })}>
              <span className="desk-classification-count">{formatNumber(counts[s], lang)}</span> {t(`archive.states.${s}`)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
