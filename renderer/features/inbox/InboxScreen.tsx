// The inbox screen: the batches and their documents, with import by button or drop and each batch's progress.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentStage } from '../../../src/contract';
import { useAnnounce } from '../../app/announcer';
import { DropZone } from '../import/DropZone';
import { ImportButton } from '../import/ImportButton';
import { ImportRuns } from '../import/ImportRuns';
import { useImport } from '../import/useImport';
import { PageHeading } from '../../ui/PageHeading';
import { QueryState } from '../../ui/QueryState';
import { DocumentGrid } from './DocumentGrid';
import { IngestProgressBars } from './IngestProgressBars';
import { onlyStage, type InboxOrder } from './model';
import { StageFilter } from './StageFilter';
import { useInbox } from './useInbox';

/**
 * `batch`: a batch to show first (coming from the scan screen's link), its first document selected. `stage`: the stage
 * to filter on first (coming from a count on the desk); the clerk may change it with the filter as always.
 */
export function InboxScreen({ batch, stage: initialStage }: { batch?: string; stage?: DocumentStage } = {}) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  // Oldest first by default: the post that has waited longest is handled first.
  const [order, setOrder] = useState<InboxOrder>('oldest');
  const [stage, setStage] = useState<DocumentStage | null>(initialStage ?? null);
  // Another desk link while the inbox is open (the screen stays mounted): follow it.
  useEffect(() => setStage(initialStage ?? null), [initialStage]);
  const inbox = useInbox(order);
  const imports = useImport();
  const empty = !inbox.loading && !inbox.error && inbox.groups.every((g) => g.documents.length === 0);
  const groups = onlyStage(inbox.groups, stage);

  return (
    <DropZone onFiles={imports.start} onEmptyDrop={() => announce(t('import.noFiles'))} label={t('import.dropHint')}>
      <div className="page-head">
        <PageHeading title={t('inbox.title')}>{t('inbox.title')}</PageHeading>
        {!inbox.loading && <span className="count">{t('inbox.count', { count: inbox.count })}</span>}
      </div>
      <div className="import-bar">
        <ImportButton onFiles={imports.start} />
        <span className="muted">{t('import.dropHint')}</span>
      </div>
      <ImportRuns runs={imports.runs} onDismiss={imports.dismiss} />
      <IngestProgressBars progress={inbox.progress} isDone={(id) => inbox.groups.find((g) => g.batchId === id)?.batch?.status === 'done'} />
      <QueryState loading={inbox.loading} error={inbox.error} reload={inbox.reload} hasData={inbox.count > 0} />
      {inbox.count > 0 && <StageFilter counts={inbox.stageCounts} stage={stage} onStage={setStage} order={order} onOrder={setOrder} />}
      {empty ? (
        <div className="empty-state">
          <h2>{t('inbox.emptyTitle')}</h2>
          <p>{t('inbox.emptyBody')}</p>
          <p className="muted">
            {t('inbox.emptyCli')} <code>{t('inbox.emptyCliCommand')}</code>
          </p>
        </div>
      ) : (
        inbox.count > 0 &&
        (stage !== null && groups.length === 0 ? (
          <p className="muted">{t('inboxStage.noneInStage')}</p>
        ) : (
          <DocumentGrid
            groups={groups.filter((g) => g.documents.length > 0 || (g.batch?.rejectedCount ?? 0) > 0)}
            focusBatch={batch}
            caption={t(order === 'oldest' ? 'inboxStage.captionOldest' : 'inboxStage.captionNewest')}
          />
        ))
      )}
    </DropZone>
  );
}
