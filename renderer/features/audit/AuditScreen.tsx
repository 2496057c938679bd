// The audit screen: the latest entries of the hash-chained audit trail, newest first, in the clerk's language.
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../app/api';
import { asLang } from '../../i18n';
import { formatDateTime } from '../../ui/format';
import { PageHeading } from '../../ui/PageHeading';
import { QueryState } from '../../ui/QueryState';
import { term } from './terms';

export function AuditScreen() {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const list = useCommand('audit.list', { limit: 200 });
  const rows = list.data ?? [];
  return (
    <>
      <div className="page-head">
        <PageHeading title={t('audit.title')}>{t('audit.title')}</PageHeading>
        <button type="button" className="button secondary" onClick={list.reload}>
          {t('app.refresh')}
        </button>
      </div>
      <p className="muted">{t('audit.intro')}</p>
      <QueryState loading={list.loading} error={list.error} reload={list.reload} hasData={!!list.data} />
      {list.data && rows.length === 0 && <p>{t('audit.empty')}</p>}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">{t('audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  #
                </th>
                <th scope="col">{t('audit.colTime')}</th>
                <th scope="col">{t('audit.colActor')}</th>
                <th scope="col">{t('audit.colOrigin')}</th>
                <th scope="col">{t('audit.colAction')}</th>
                <th scope="col">{t('audit.colObject')}</th>
                <th scope="col">{t('audit.colResult')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.seq}>
                  <td className="num">{r.seq}</td>
                  <td>{formatDateTime(r.at, lang)}</td>
                  <td>{r.actor}</td>
                  <td>{term(t, 'origins', r.origin)}</td>
                  <td>{term(t, 'actions', r.action)}</td>
                  <td>
                    {r.objectType ? term(t, 'objects', r.objectType) : t('app.none')}
                    {r.objectId && <span className="file-name"> {r.objectId.slice(0, 8)}</span>}
                  </td>
                  <td>{term(t, 'results', r.result)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
