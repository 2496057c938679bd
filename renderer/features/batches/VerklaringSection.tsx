// An approved batch's verklaring van vervanging on its dossier: per zaak whether it is delivered, the reason where it
// waits, and for a clerk or supervisor "opnieuw proberen" (qc.verklaringRetry).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mayCall, type CommandOutput, type Person, type WireError } from '../../../src/contract';
import { useApi } from '../../app/api';
import { asLang } from '../../i18n';
import { ErrorNotice } from '../../ui/ErrorMessage';
import { formatDateTime } from '../../ui/format';

type Verklaring = NonNullable<CommandOutput<'batches.get'>['verklaring']>;

export function VerklaringSection({ batchId, verklaring, person }: { batchId: string; verklaring: Verklaring; person: Person }) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const api = useApi();
  const [error, setError] = useState<WireError | null>(null);
  const stuck = verklaring.deliveries.some((d) => d.state === 'attention');
  const retry = async () => {
    const r = await api.call('qc.verklaringRetry', { batchId });
    setError(r.ok ? null : r.error);
  };
  return (
    <section aria-labelledby="batch-verklaring-heading" className="batch-section" data-testid="batch-verklaring">
      <h2 id="batch-verklaring-heading">{t('batches.verklaring.heading')}</h2>
      <p>{t('batches.verklaring.made', { at: formatDateTime(verklaring.madeAt, lang), sha: verklaring.sha256.slice(0, 16) })}</p>
      {verklaring.deliveries.length === 0 ? (
        <p>{t('batches.verklaring.noZaak')}</p>
      ) : (
        <table>
          <caption>{t('batches.verklaring.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('batches.verklaring.zaak')}</th>
              <th scope="col">{t('batches.verklaring.state')}</th>
              <th scope="col">{t('batches.verklaring.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {verklaring.deliveries.map((d, i) => (
              <tr key={`${d.zaaknummer ?? ''}-${i}`}>
                <td>{d.zaaknummer ?? '—'}</td>
                <td>{t(`batches.verklaring.states.${d.state}`)}</td>
                <td>{d.state === 'done' && d.doneAt ? formatDateTime(d.doneAt, lang) : (d.lastError ?? '')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {stuck && mayCall('qc.verklaringRetry', person.roles) && (
        <button type="button" onClick={() => void retry()}>
          {t('batches.verklaring.retry')}
        </button>
      )}
      {error && <ErrorNotice error={error} />}
    </section>
  );
}
