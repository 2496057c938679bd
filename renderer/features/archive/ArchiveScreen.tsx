// The archivist's workspace: the review queue by classification state with filters and sort, a virtualised list with
// multi-select and bulk actions, and one document's classification and retention beside it (#/archief/<id>).
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mayCall, type Role } from '../../../src/contract';
import { navigate } from '../../app/useRoute';
import { useSession } from '../../app/session';
import { asLang } from '../../i18n';
import { formatNumber } from '../../ui/format';
import { PageHeading } from '../../ui/PageHeading';
import { QueryState } from '../../ui/QueryState';
import { ArchiveDocument } from './ArchiveDocument';
import { BulkActions } from './BulkActions';
import { ExportSelection } from './ExportSelection';
import { QueueFilterForm, StateChips } from './QueueFilterForm';
import { QueueGrid } from './QueueGrid';
import { NO_FILTERS, queueFilter, selectRange, toggleAll, toggleSelected, type QueueFilters, type QueueSort } from './queue-model';
import { useQueue } from './useQueue';
import './archive.css';

// The filters and the sort outlive a visit to a document's own screen (the screen is mounted again on return).
let remembered: { filters: QueueFilters; sort: QueueSort } = { filters: NO_FILTERS, sort: 'oldest' };

export function ArchiveScreen({ id, state }: { id?: string; state?: QueueFilters['state'] }) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const { person } = useSession();
  const roles: readonly Role[] = person?.roles ?? [];
  const mayBulk = mayCall('classification.bulk', roles);
  // A link that names a state (from the desk) starts the queue on it, with no other filter.
  const [filters, setFilters] = useState<QueueFilters>(() => (state ? { ...NO_FILTERS, state } : remembered.filters));
  const [sort, setSort] = useState<QueueSort>(remembered.sort);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const anchor = useRef<number | null>(null);
  const filter = useMemo(() => queueFilter(filters), [filters]);
  const queue = useQueue(filter, sort);

  const apply = (f: QueueFilters) => {
    remembered = { ...remembered, filters: f };
    setFilters(f);
    anchor.current = null;
  };
  const changeSort = (s: QueueSort) => {
    remembered = { ...remembered, sort: s };
    setSort(s);
    anchor.current = null;
  };

  const { itemAt } = queue;
  const onToggle = useCallback(
    (index: number, docId: string, range: boolean) => {
      setSelected((sel) => {
        const select = !sel.has(docId);
        const next =
          range && anchor.current !== null
            ? selectRange(sel, anchor.current, index, (i) => itemAt(i)?.id, select)
            : toggleSelected(sel, docId);
        return next;
      });
      anchor.current = index;
    },
    [itemAt],
  );
  const onOpen = useCallback((docId: string) => navigate({ name: 'archive', id: docId }), []);

  const total = queue.total;
  const caption =
    total === null
      ? t('app.loading')
      : t('archive.caption', { count: total, shown: formatNumber(total, lang) }) + ' ' + t('archive.keysHint');

  return (
    <div className={`archive-screen${id ? ' has-document' : ''}`}>
      <PageHeading title={t('archive.title')}>{t('archive.title')}</PageHeading>
      <StateChips state={filters.state} counts={queue.counts} onState={(s) => apply({ ...filters, state: s })} />
      <QueueFilterForm applied={filters} onApply={apply} sort={sort} onSort={changeSort} />
      <div className="archive-layout">
        <div className="archive-queue">
          <QueryState loading={total === null} error={queue.error} reload={queue.reload} hasData={total !== null} />
          {total === 0 && <p data-testid="archive-empty">{t('archive.empty')}</p>}
          {total !== null && total > 0 && (
            <QueueGrid
              queue={queue}
              caption={caption}
              selected={selected}
              onToggle={onToggle}
              onToggleAll={(ids) => setSelected((sel) => toggleAll(sel, ids))}
              onOpen={onOpen}
              openId={id ?? null}
            />
          )}
          {mayBulk && <BulkActions selected={[...selected]} onApplied={queue.reload} onClear={() => setSelected(new Set())} />}
          {mayCall('export.mdtoSelection', roles) && selected.size > 0 && <ExportSelection selected={[...selected]} />}
        </div>
        {id && <ArchiveDocument id={id} onClose={() => navigate({ name: 'archive' })} onChanged={queue.reload} />}
      </div>
    </div>
  );
}
