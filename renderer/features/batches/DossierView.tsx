// A batch's dossier in words: who scanned it, when and where; the scanner (make, model, serial); the profile and its
// settings as they were; the software versions; the pages in and out; the quality flags; and what happened after.
import { useTranslation } from 'react-i18next';
import type { BatchDossier } from '../../../src/contract';
import { asLang } from '../../i18n';
import { formatDateTime, formatNumber } from '../../ui/format';
import { Fact } from './Fact';

export function DossierView({ dossier }: { dossier: BatchDossier | null }) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  if (!dossier) {
    return (
      <section aria-labelledby="dossier-heading" className="batch-section">
        <h2 id="dossier-heading">{t('batches.dossierHeading')}</h2>
        <p>{t('batches.noDossier')}</p>
      </section>
    );
  }
  const none = t('app.none');
  const text = (v: string | null) => v ?? none;
  const yesNo = (v: boolean | null) => (v === null ? none : v ? t('batches.yes') : t('batches.no'));
  /** A stored setting in words where the profiles screen has them; otherwise as recorded. */
  const word = (group: string, v: string | null) => (v === null ? none : t(`profiles.values.${group}.${v}`, { defaultValue: v }));
  const n = (v: number) => formatNumber(v, lang);
  const { scanner, profile, software, pages } = dossier;
  const flags = Object.entries(dossier.qcFlags).filter(([, c]) => c > 0);
  return (
    <section aria-labelledby="dossier-heading" className="batch-section" data-testid="dossier">
      <h2 id="dossier-heading">{t('batches.dossierHeading')}</h2>
      <div className="dossier-grid">
        <div>
          <h3>{t('batches.captureHeading')}</h3>
          <dl className="facts">
            <Fact label={t('batches.scannedBy')}>
              <span data-testid="dossier-scanned-by" data-login={dossier.scannedBy.login}>
                {t('batches.person', { name: dossier.scannedBy.name, login: dossier.scannedBy.login })}
              </span>
            </Fact>
            <Fact label={t('batches.startedAt')}>{formatDateTime(dossier.startedAt, lang)}</Fact>
            <Fact label={t('batches.closedAt')}>{dossier.closedAt ? formatDateTime(dossier.closedAt, lang) : t('batches.stillOpen')}</Fact>
            <Fact label={t('batches.origin')}>{t(`batches.originWord.${dossier.origin}`, { defaultValue: dossier.origin })}</Fact>
            <Fact label={t('batches.workstation')}>{dossier.workstation}</Fact>
          </dl>
          <h3>{t('batches.scannerHeading')}</h3>
          <dl className="facts">
            <Fact label={t('batches.scannerKind')}>{t(`source.${scanner.kind}`, { defaultValue: scanner.kind })}</Fact>
            <Fact label={t('batches.scannerDevice')}>
              <span className="file-name">{text(scanner.device)}</span>
            </Fact>
            <Fact label={t('batches.make')}>{text(scanner.make)}</Fact>
            <Fact label={t('batches.model')}>{text(scanner.model)}</Fact>
            <Fact label={t('batches.serial')}>{text(scanner.serial)}</Fact>
          </dl>
          <h3>{t('batches.softwareHeading')}</h3>
          <dl className="facts">
            <Fact label={t('batches.softwarePostkamer')}>{software.postkamer}</Fact>
            <Fact label={t('batches.ocrEngine')}>{software.ocrEngine}</Fact>
            <Fact label={t('batches.ocrModel')}>{software.ocrModel}</Fact>
          </dl>
        </div>
        <div>
          <h3>{t('batches.profileHeading')}</h3>
          <dl className="facts">
            <Fact label={t('batches.profileName')}>{text(profile.name)}</Fact>
            <Fact label={t('batches.resolution')}>
              {profile.resolution === null ? none : t('batches.resolutionValue', { dpi: profile.resolution })}
            </Fact>
            <Fact label={t('batches.colour')}>{word('colour', profile.colour)}</Fact>
            <Fact label={t('batches.compression')}>{word('imageMode', profile.compression)}</Fact>
            <Fact label={t('batches.duplex')}>{yesNo(profile.duplex)}</Fact>
            <Fact label={t('batches.feed')}>{word('source', profile.source)}</Fact>
            <Fact label={t('batches.blankPages')}>{word('blankPages', profile.blankPages)}</Fact>
            <Fact label={t('batches.separatorSheets')}>{yesNo(profile.separatorSheets)}</Fact>
            <Fact label={t('batches.patchT')}>{yesNo(profile.patchT)}</Fact>
            <Fact label={t('batches.locked')}>{yesNo(profile.locked)}</Fact>
          </dl>
          <h3>{t('batches.pagesHeading')}</h3>
          <dl className="facts" data-testid="dossier-pages">
            <Fact label={t('batches.pagesIn')}>
              <span data-count="in">{n(pages.in)}</span>
            </Fact>
            <Fact label={t('batches.pagesOut')}>
              <span data-count="out">{n(pages.out)}</span>
            </Fact>
            <Fact label={t('batches.blankRemoved')}>{n(pages.blankRemoved)}</Fact>
            <Fact label={t('batches.blankFlagged')}>{n(pages.blankFlagged)}</Fact>
            <Fact label={t('batches.separatorsRemoved')}>{n(pages.separatorSheets)}</Fact>
            <Fact label={t('batches.documents')}>{n(dossier.documents)}</Fact>
          </dl>
          <h3>{t('batches.flagsHeading')}</h3>
          {flags.length === 0 ? (
            <p>{t('batches.noFlags')}</p>
          ) : (
            <dl className="facts">
              {flags.map(([flag, count]) => (
                <Fact key={flag} label={t(`qc.${flag}`, { defaultValue: flag })}>
                  {t('batches.flagPages', { count })}
                </Fact>
              ))}
            </dl>
          )}
        </div>
      </div>
    </section>
  );
}

/** The dossier's events after closing, in order: QC rounds, verdicts, rescans, the verklaring, the destruction. */
export function DossierEvents({ events }: { events: BatchDossier['events'] }) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  return (
    <section aria-labelledby="events-heading" className="batch-section">
      <h2 id="events-heading">{t('batches.eventsHeading')}</h2>
      {events.length === 0 ? (
        <p>{t('batches.noEvents')}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="dossier-events">
            <caption>{t('batches.eventsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('batches.colAt')}</th>
                <th scope="col">{t('batches.colBy')}</th>
                <th scope="col">{t('batches.colEvent')}</th>
                <th scope="col" className="num">
                  {t('batches.colPage')}
                </th>
                <th scope="col">{t('batches.colDetail')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e, i) => (
                <tr key={i} data-kind={e.kind}>
                  <td className="nowrap">{formatDateTime(e.at, lang)}</td>
                  <td>{e.byName === e.by ? e.by : `${e.byName} (${e.by})`}</td>
                  <td>{t(`batches.event.${e.kind}`)}</td>
                  <td className="num">{e.page ?? t('app.none')}</td>
                  {/* The core records the detail in Dutch. */}
                  <td lang={lang === 'nl' ? undefined : 'nl'}>{e.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
