// A batch's quality control on its dossier: the state, the sample and its progress, who started and closed it, the
// faulty pages, and for a checker the way in ("starten" / "hervatten" through qc.start; the core refuses the person
// who scanned the batch, and its Dutch reason is shown).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mayCall, type Person, type QcView, type WireError } from '../../../src/contract';
import { useApi } from '../../app/api';
import { routeHref } from '../../app/route';
import { navigate } from '../../app/useRoute';
import { asLang } from '../../i18n';
import { ErrorNotice } from '../../ui/ErrorMessage';
import { formatDateTime } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { Fact } from './Fact';
import { QcStateBadge } from './QcStateBadge';

export function QcSection({ qc, person, scannedBy }: { qc: QcView; person: Person; scannedBy: string | null }) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const checker = mayCall('qc.start', person.roles);
  const closed = qc.state === 'goedgekeurd' || qc.state === 'afgekeurd';
  // The person who scanned the batch never checks it (four eyes): the core refuses; the screen does not offer it.
  const self = scannedBy !== null && scannedBy === person.login;

  const start = async () => {
    setBusy(true);
    const r = await api.call('qc.start', { batchId: qc.batchId });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    navigate({ name: 'qc', batchId: qc.batchId });
  };

  return (
    <section aria-labelledby="batch-qc-heading" className="batch-section" data-testid="batch-qc" data-qc-state={qc.state}>
      <h2 id="batch-qc-heading">{t('batches.qcHeading')}</h2>
      <dl className="facts">
        <Fact label={t('batches.qcStateLabel')}>
          <QcStateBadge state={qc.state} />
        </Fact>
        {qc.rule && (
          <Fact label={t('batches.qcSample')}>
            {t('batches.qcSampleValue', { size: qc.rule.sampleSize, population: qc.rule.population })}
            {qc.rule.ac !== null && qc.rule.re !== null && <> · {t('batches.qcAcRe', { ac: qc.rule.ac, re: qc.rule.re })}</>}
          </Fact>
        )}
        {qc.state !== 'open' && (
          <Fact label={t('batches.qcProgress')}>
            {t('batches.qcProgressValue', { judged: qc.progress.judged, total: qc.progress.total })}
          </Fact>
        )}
        {qc.startedBy && <Fact label={t('batches.qcStartedBy')}>{qc.startedBy}</Fact>}
        {qc.closedBy && (
          <Fact label={t('batches.qcClosedBy')}>
            {t('batches.qcClosedByValue', { who: qc.closedBy, when: qc.closedAt ? formatDateTime(qc.closedAt, lang) : t('app.none') })}
          </Fact>
        )}
      </dl>
      {qc.faults.length > 0 && (
        <>
          <h3>{t('batches.qcFaults')}</h3>
          <ul data-testid="batch-faults">
            {qc.faults.map((f) => (
              <li key={f.page} data-page={f.page}>
                {t('batches.faultLine', { page: f.page, reason: t(`qcCheck.reason.${f.reden}`) })}
              </li>
            ))}
          </ul>
        </>
      )}
      <ErrorNotice error={error} />
      {checker && self && !closed && (
        <Notice tone="info">
          <p data-testid="qc-self">{t('batches.qcSelf')}</p>
        </Notice>
      )}
      {checker && !self && !closed && (
        <button type="button" className="button" disabled={busy} onClick={() => void start()} data-testid="qc-start">
          {busy ? t('batches.qcStarting') : qc.state === 'open' ? t('batches.qcStart') : t('batches.qcResume')}
        </button>
      )}
      {checker && closed && (
        <p>
          <a href={routeHref({ name: 'qc', batchId: qc.batchId })}>{t('batches.qcView')}</a>
        </p>
      )}
      {!checker && <p className="muted">{t('batches.qcOthers')}</p>}
    </section>
  );
}
