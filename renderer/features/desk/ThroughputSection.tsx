// Throughput over a chosen period: the period picker, the chart with its table, the time to delivery, the tables per
// zaaktype and (only when the core returns it) per person, and how to get the period report as a file.
import { useTranslation } from 'react-i18next';
import { asLang, type Lang } from '../../i18n';
import { formatNumber } from '../../ui/format';
import { QueryState } from '../../ui/QueryState';
import { chartRows, periodProblem, type PeriodReport } from './model';
import { ThroughputChart } from './ThroughputChart';
import { usePeriodReport } from './useDesk';

const hours = (h: number | null, lang: Lang) =>
  h === null ? '—' : h.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 1 });

interface Props {
  from: string;
  to: string;
  onPeriod(p: { from: string; to: string }): void;
}

export function ThroughputSection({ from, to, onPeriod }: Props) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const problem = periodProblem(from, to);
  const report = usePeriodReport(problem === null ? { from, to } : null);
  const r = report.data;
  return (
    <section aria-labelledby="desk-throughput">
      <h2 id="desk-throughput">{t('desk.throughputTitle')}</h2>
      <fieldset className="desk-period">
        <legend>{t('desk.period')}</legend>
        <label>
          {t('desk.from')} <input type="date" name="from" value={from} onChange={(e) => onPeriod({ from: e.target.value, to })} />
        </label>
        <label>
          {t('desk.to')} <input type="date" name="to" value={to} onChange={(e) => onPeriod({ from, to: e.target.value })} />
        </label>
      </fieldset>
      {problem && (
        <p className="field-error" role="alert">
          {t(`desk.${problem}`)}
        </p>
      )}
      <QueryState loading={report.loading} error={report.error} reload={report.reload} hasData={!!r} />
      {r && problem === null && <Figures r={r} lang={lang} />}
      <h3>{t('desk.reportTitle')}</h3>
      <p>{t('desk.reportHint')}</p>
      <pre className="desk-cli">
        <code>
          {(['pdf', 'csv'] as const)
            .map((f) => `postkamer report --from ${from} --to ${to} --format ${f} --out periodeverslag-${from}.${f}`)
            .join('\n')}
        </code>
      </pre>
    </section>
  );
}

function Figures({ r, lang }: { r: PeriodReport; lang: Lang }) {
  const { t } = useTranslation();
  const n = (x: number) => formatNumber(x, lang);
  return (
    <div aria-busy={false}>
      <dl className="stat-grid desk-totals">
        {(
          [
            ['received', n(r.totals.received)],
            ['digitised', n(r.totals.digitised)],
            ['delivered', n(r.totals.delivered)],
            ['pages', n(r.totals.pages)],
            ['attentionAtEnd', n(r.totals.attentionAtEnd)],
            ['median', t('desk.hoursValue', { hours: hours(r.totals.medianHours, lang) })],
            ['p95', t('desk.hoursValue', { hours: hours(r.totals.p95Hours, lang) })],
          ] as const
        ).map(([k, v]) => (
          <div className="stat" key={k} data-total={k}>
            <dt>{t(`desk.total.${k}`)}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <ThroughputChart rows={chartRows(r)} />
      <GroupTable
        caption={t('desk.perZaaktype')}
        first={t('desk.colZaaktype')}
        rows={r.perZaaktype}
        lang={lang}
        testId="desk-per-zaaktype"
      />
      {r.perPerson ? (
        <GroupTable caption={t('desk.perPerson')} first={t('desk.colPerson')} rows={r.perPerson} lang={lang} testId="desk-per-person" />
      ) : (
        <p className="muted" data-testid="desk-per-person-off">
          {t('desk.perPersonOff')}
        </p>
      )}
    </div>
  );
}

function GroupTable(props: { caption: string; first: string; rows: PeriodReport['perZaaktype']; lang: Lang; testId: string }) {
  const { t } = useTranslation();
  const { rows, lang } = props;
  return (
    <table data-testid={props.testId}>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.first}</th>
          <th scope="col">{t('desk.colDelivered')}</th>
          <th scope="col">{t('desk.colPages')}</th>
          <th scope="col">{t('desk.colMedian')}</th>
          <th scope="col">{t('desk.colP95')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={5}>{t('desk.noDeliveries')}</td>
          </tr>
        ) : (
          rows.map((g) => (
            <tr key={g.key}>
              <th scope="row">{g.key}</th>
              <td>{formatNumber(g.delivered, lang)}</td>
              <td>{formatNumber(g.pages, lang)}</td>
              <td>{hours(g.medianHours, lang)}</td>
              <td>{hours(g.p95Hours, lang)}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
