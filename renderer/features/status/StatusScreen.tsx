// The status screen: whether the audit chain is intact, what the store holds, the outbox by state, and the versions.
import { useTranslation } from 'react-i18next';
import { useCommand, useEvent } from '../../app/api';
import { asLang } from '../../i18n';
import { formatBytes, formatNumber } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { PageHeading } from '../../ui/PageHeading';
import { QueryState } from '../../ui/QueryState';

export function StatusScreen() {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const status = useCommand('app.status', {});
  useEvent('status.changed', () => status.reload());
  const s = status.data;
  const outbox = s ? Object.entries(s.outbox).filter(([, n]) => n > 0) : [];
  return (
    <>
      <div className="page-head">
        <PageHeading title={t('status.title')}>{t('status.title')}</PageHeading>
        <button type="button" className="button secondary" onClick={status.reload}>
          {t('app.refresh')}
        </button>
      </div>
      <QueryState loading={status.loading} error={status.error} reload={status.reload} hasData={!!s} />
      {s && (
        <>
          {s.audit.chainValid ? (
            <Notice tone="success">
              <p>
                <strong>{t('status.audit')}:</strong> {t('status.chainIntact', { count: s.audit.entries })}
              </p>
            </Notice>
          ) : (
            <Notice tone="error" role="alert">
              <p>
                <strong>{t('status.audit')}:</strong> {t('status.chainBroken', { count: s.audit.entries })}
              </p>
            </Notice>
          )}
          <h2>{t('status.counts')}</h2>
          <dl className="stat-grid">
            {(
              [
                ['batches', s.batches],
                ['documents', s.documents],
                ['pages', s.pages],
                ['rejected', s.rejected],
                ['pendingItems', s.pendingItems],
              ] as const
            ).map(([k, n]) => (
              <div className="stat" key={k}>
                <dt>{t(`status.${k}`)}</dt>
                <dd>{formatNumber(n, lang)}</dd>
              </div>
            ))}
            <div className="stat">
              <dt>{t('status.vault')}</dt>
              <dd>{t('status.vaultValue', { blobs: formatNumber(s.vault.blobs, lang), size: formatBytes(s.vault.bytes, lang) })}</dd>
            </div>
          </dl>
          <h2>{t('status.outbox')}</h2>
          {outbox.length === 0 ? (
            <p>{t('status.outboxEmpty')}</p>
          ) : (
            <dl className="stat-grid">
              {outbox.map(([state, n]) => (
                <div className="stat" key={state}>
                  <dt>{t(`status.outboxStates.${state}`, { defaultValue: state })}</dt>
                  <dd>{formatNumber(n, lang)}</dd>
                </div>
              ))}
            </dl>
          )}
          <dl className="fields">
            <dt>{t('status.version')}</dt>
            <dd>{s.version}</dd>
            <dt>{t('status.schemaVersion')}</dt>
            <dd>{s.schemaVersion}</dd>
          </dl>
        </>
      )}
    </>
  );
}
