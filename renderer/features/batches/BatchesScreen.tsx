// The scan batches (#/batches), newest first: each with its date, source, documents, pages in and out and where its
// quality control stands, a link to its dossier; kept current by the core's batch events.
import { useTranslation } from 'react-i18next';
import { useCommand, useEvent } from '../../app/api';
import { routeHref } from '../../app/route';
import { asLang } from '../../i18n';
import { formatDateTime, formatNumber } from '../../ui/format';
import { PageHeading } from '../../ui/PageHeading';
import { QueryState } from '../../ui/QueryState';
import { QcStateBadge } from './QcStateBadge';
import { BATCH_LIST_LIMIT } from './useBatch';
import './batches.css';

export function BatchesScreen() {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const list = useCommand('batches.list', { limit: BATCH_LIST_LIMIT });
  useEvent('batch.changed', () => list.reload());
  const rows = list.data ?? [];
  const count = (n: number | null | undefined) => (n === null || n === undefined ? t('app.none') : formatNumber(n, lang));
  return (
    <div className="batches">
      <PageHeading title={t('batches.title')}>{t('batches.title')}</PageHeading>
      <p className="muted">{t('batches.intro')}</p>
      <QueryState loading={list.loading} error={list.error} reload={list.reload} hasData={!!list.data} />
      {list.data && rows.length === 0 && <p>{t('batches.empty')}</p>}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table data-testid="batch-list">
            <caption>{t('batches.caption', { count: rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('batches.colBatch')}</th>
                <th scope="col">{t('batches.colDate')}</th>
                <th scope="col">{t('batches.colSource')}</th>
                <th scope="col" className="num">
                  {t('batches.colDocuments')}
                </th>
                <th scope="col" className="num">
                  {t('batches.colPagesIn')}
                </th>
                <th scope="col" className="num">
                  {t('batches.colPagesOut')}
                </th>
                <th scope="col">{t('batches.colQc')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((b) => (
                <tr key={b.id} data-batch-id={b.id}>
                  <th scope="row">
                    <a href={routeHref({ name: 'batches', id: b.id })}>{b.label}</a>
                  </th>
                  <td className="nowrap">{formatDateTime(b.createdAt, lang)}</td>
                  <td>{t(`source.${b.source}`)}</td>
                  <td className="num">{count(b.documentCount)}</td>
                  <td className="num">{count(b.dossier?.pages.in)}</td>
                  <td className="num">{count(b.dossier?.pages.out)}</td>
                  <td>
                    <QcStateBadge state={b.qc} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
