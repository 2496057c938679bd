// The retention of a document's zaak in words: the resultaat that applies, or, while the zaak has none, every option
// of its zaaktype; with each, the Selectielijst's own words for it when they are cached.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Retention } from '../../../src/contract/classification';
import { asLang } from '../../i18n';
import { retentionLines, type SelectielijstLine } from './retention-words';

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
              {l.selectielijst && (
                <>
                  <br />
                  <span data-testid="retention-selectielijst" data-waardering={l.selectielijst.waardering}>
                    {selectielijstText(t, l.selectielijst)}
                  </span>
                </>
              )}
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

/** "Selectielijst 1.1.2 Vastgesteld — blijvend bewaren", "… — vernietigen na 10 jaar". */
function selectielijstText(t: TFunction, s: SelectielijstLine): string {
  const waardering =
    s.waardering === 'bewaren'
      ? t('archive.waarderingBewaren')
      : s.waardering === 'vernietigen'
        ? s.termijn
          ? t('archive.waarderingVernietigenNa', { termijn: s.termijn })
          : t('archive.waarderingVernietigen')
        : t('archive.waarderingOnbekend', { code: s.code });
  return t('archive.selectielijstWords', { nummer: s.nummer, naam: s.naam, waardering });
}
