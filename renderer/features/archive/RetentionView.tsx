// The retention of a document's zaak in words: the resultaat that applies, or, while the zaak has none, every option
// of its zaaktype.
import { useTranslation } from 'react-i18next';
import type { Retention } from '../../../src/contract/classification';
import { asLang } from '../../i18n';
import { retentionLines } from './retention-words';

export function RetentionView({ retention }: { retention: Retention | null }) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  if (!retention) {
    return (
      <section className="retention" aria-labelledby="retention-h" data-testid="retention">
        <h3 id="retention-h">{t('archive.retentionHeading')}</h3>
        <p className="muted">{t('archive.retentionUnknown')}</p>
      </section>
    );
  }
  const lines = retentionLines(retention.options, lang);
  const zaaktype = retention.zaaktype?.omschrijving ?? t('app.none');
  return (
    <section className="retention" aria-labelledby="retention-h" data-testid="retention" data-basis={retention.basis}>
      <h3 id="retention-h">{retention.basis === 'resultaat' ? t('archive.retentionResultaat') : t('archive.retentionOptions')}</h3>
      <p className="muted">
        {retention.basis === 'resultaat'
          ? t('archive.retentionResultaatHint', { zaaktype })
          : t('archive.retentionOptionsHint', { zaaktype })}
      </p>
      {lines.length === 0 ? (
        <p>{t('archive.retentionNone')}</p>
      ) : (
        <ul className="retention-list">
          {lines.map((l) => (
            <li key={l.key} data-nominatie={l.nominatie}>
              <strong>{l.title}</strong>: <span data-testid="retention-sentence">{l.sentence}</span>
              <br />
              <span className="muted">
                {t('archive.selectielijstklasse')}: {l.selectielijstklasse ?? t('app.none')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
