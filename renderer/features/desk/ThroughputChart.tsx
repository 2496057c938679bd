// Documents received, delivered and pages per day as a bar chart (recharts), with the same figures as a table.
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { asLang } from '../../i18n';
import { formatDate, formatNumber } from '../../ui/format';
import { chartSummary, type ChartRow } from './model';

/** The bars: each series with its colour (dark enough for 3:1 against white, WCAG 1.4.11). */
const SERIES = [
  { key: 'received', label: 'desk.colReceived', color: '#1f5f99' },
  { key: 'delivered', label: 'desk.colDelivered', color: '#2e7d32' },
  { key: 'pages', label: 'desk.colPages', color: '#9a5b00' },
] as const;

export function ThroughputChart({ rows }: { rows: readonly ChartRow[] }) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const sum = chartSummary(rows);
  const summary = t('desk.chartSummary', {
    days: rows.length,
    received: formatNumber(sum.received, lang),
    delivered: formatNumber(sum.delivered, lang),
    pages: formatNumber(sum.pages, lang),
    busiest: sum.busiest
      ? t('desk.chartBusiest', { date: formatDate(sum.busiest.day, lang), count: sum.busiest.received })
      : t('desk.chartNoPost'),
  });
  return (
    <figure className="desk-chart">
      <figcaption id="desk-chart-caption">{t('desk.chartTitle')}</figcaption>
      <div className="desk-chart-box">
        <ResponsiveContainer width="100%" height={280}>
          <BarChart
            data={[...rows]}
            accessibilityLayer={false}
            role="img"
            aria-label={summary}
            margin={{ top: 8, right: 8, bottom: 8, left: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" interval="preserveStartEnd" />
            <YAxis allowDecimals={false} />
            {SERIES.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={t(s.label)} fill={s.color} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      {/* The legend in HTML: the chart itself is one image to a screen reader, its figures are in the table. */}
      <ul className="desk-legend" aria-hidden="true">
        {SERIES.map((s) => (
          <li key={s.key}>
            <span className="desk-swatch" style={{ background: s.color }} /> {t(s.label)}
          </li>
        ))}
      </ul>
      <details className="desk-chart-data">
        <summary>{t('desk.chartTable')}</summary>
        <table data-testid="desk-chart-table">
          <caption>{t('desk.chartTableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('desk.colDay')}</th>
              <th scope="col">{t('desk.colReceived')}</th>
              <th scope="col">{t('desk.colDelivered')}</th>
              <th scope="col">{t('desk.colPages')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.day} data-day={r.day}>
                <th scope="row">{formatDate(r.day, lang)}</th>
                <td data-col="received">{r.received}</td>
                <td data-col="delivered">{r.delivered}</td>
                <td data-col="pages">{r.pages}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
