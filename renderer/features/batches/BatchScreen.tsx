// One scan batch (#/batches/<id>): its quality control with the way in for a checker, the rescans for the clerk, and
// its dossier with the events after closing; re-read when the core says the batch changed.
import { useTranslation } from 'react-i18next';
import { mayCall } from '../../../src/contract';
import { useCommand, useEvent } from '../../app/api';
import { routeHref } from '../../app/route';
import { useSession } from '../../app/session';
import { PageHeading } from '../../ui/PageHeading';
import { QueryState } from '../../ui/QueryState';
import { DossierEvents, DossierView } from './DossierView';
import { QcSection } from './QcSection';
import { RescanSection } from './RescanSection';
import { VerklaringSection } from './VerklaringSection';
import { batchLabel } from './useBatch';
import './batches.css';

export function BatchScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const { person } = useSession();
  const got = useCommand('batches.get', { batchId: id });
  // The heading's label comes with the same answer (no second batches.get for it).
  const label = batchLabel(got.data?.batch ?? null, id);
  useEvent('batch.changed', (p) => {
    if (p.batchId === id) got.reload();
  });
  const data = got.data;
  const title = t('batches.batchTitle', { label });
  return (
    <div className="batches batch-view" data-batch-id={id}>
      <PageHeading title={title}>{title}</PageHeading>
      <p className="batch-links">
        <a href={routeHref({ name: 'batches' })}>{t('batches.back')}</a>
        <a href={routeHref({ name: 'inbox', batch: id })}>{t('batches.toInbox')}</a>
      </p>
      <QueryState loading={got.loading} error={got.error} reload={got.reload} hasData={!!data} />
      {data && person && <QcSection qc={data.qc} person={person} scannedBy={data.dossier?.scannedBy.login ?? data.qc.scannedBy} />}
      {data && person && mayCall('qc.rescanScan', person.roles) && (
        <RescanSection qc={data.qc} profile={data.dossier?.profile.name ?? null} onRescanned={got.reload} />
      )}
      {data?.verklaring && person && <VerklaringSection batchId={id} verklaring={data.verklaring} person={person} />}
      {data && <DossierView dossier={data.dossier} />}
      {data?.dossier && <DossierEvents events={data.dossier.events} />}
    </div>
  );
}
