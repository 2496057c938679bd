// The supervisor's desk: where the post is (the six stages), the throughput of a period, and the sync health per
// environment — kept up to date by the core's events, without polling the store.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mayCall } from '../../../src/contract';
import { useSession } from '../../app/session';
import { PageHeading } from '../../ui/PageHeading';
import { QueryState } from '../../ui/QueryState';
import { currentMonth } from './model';
import { ClassificationSection } from './ClassificationSection';
import { StagesSection } from './StagesSection';
import { SyncHealthSection } from './SyncHealthSection';
import { ThroughputSection } from './ThroughputSection';
import { useDeskLive } from './useDesk';
import './desk.css';

export function DeskScreen() {
  const { t } = useTranslation();
  const { person } = useSession();
  const live = useDeskLive();
  const [period, setPeriod] = useState(() => currentMonth(new Date()));
  const status = live.status.data;
  const sync = live.sync.data;
  return (
    <div className="desk">
      <div className="page-head">
        <PageHeading title={t('desk.title')}>{t('desk.title')}</PageHeading>
        <button type="button" className="button secondary" onClick={live.reload}>
          {t('app.refresh')}
        </button>
      </div>
      <p className="muted">{t('desk.intro')}</p>
      <QueryState loading={live.status.loading} error={live.status.error} reload={live.reload} hasData={!!status} />
      {status && <StagesSection stages={status.stages} now={new Date()} />}
      {person && mayCall('classification.queue', person.roles) && <ClassificationSection changed={status} />}
      <ThroughputSection from={period.from} to={period.to} onPeriod={setPeriod} />
      {live.sync.error && !sync && <QueryState loading={false} error={live.sync.error} reload={live.reload} hasData={false} />}
      {sync && <SyncHealthSection health={sync.health} roles={person?.roles ?? []} onRetried={live.reload} />}
    </div>
  );
}
