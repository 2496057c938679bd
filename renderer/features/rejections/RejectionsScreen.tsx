// The rejections screen: the files that were not stored, each with its reason and date.
import { useTranslation } from 'react-i18next';
import { useCommand, useEvent } from '../../app/api';
import { asLang } from '../../i18n';
import { errorText } from '../../ui/errorText';
import { formatDateTime } from '../../ui/format';
import { PageHeading } from '../../ui/PageHeading';
import { QueryState } from '../../ui/QueryState';

export function RejectionsScreen() {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const list = useCommand('rejections.list', {});
  useEvent('batch.changed', () => list.reload());
  const rows = list.data ?? [];
  return (
    <>
      <PageHeading title={t('rejections.title')}>{t('rejections.title')}</PageHeading>
      <p className="muted">{t('rejections.intro')}</p>
      <QueryState loading={list.loading} error={list.error} reload={list.reload} hasData={!!list.data} />
      {list.data && rows.length === 0 && <p>{t('rejections.empty')}</p>}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">{t('rejections.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('rejections.colFile')}</th>
                <th scope="col">{t('rejections.colReason')}</th>
                <th scope="col">{t('rejections.colDate')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td className="file-name">{r.fileName}</td>
                  <td>{errorText(t, lang, r)}</td>
                  <td>{formatDateTime(r.createdAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
