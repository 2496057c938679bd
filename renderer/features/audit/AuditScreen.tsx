// The audit screen: the chain's state, filters (person, action, object, period), and the matching entries newest
// first, a page at a time, with the count in a polite live region.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../app/api';
import { PageHeading } from '../../ui/PageHeading';
import { QueryState } from '../../ui/QueryState';
import { AuditFilters } from './AuditFilters';
import { AuditTable } from './AuditTable';
import { ChainState } from './ChainState';
import { listInput, NO_FILTERS, pageOf, type AuditFilters as Filters } from './model';
import './audit.css';

export function AuditScreen() {
  const { t } = useTranslation();
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  // The pages visited: each one's `beforeSeq` (undefined: the newest page). Newer goes back one.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const list = useCommand('audit.list', listInput(applied, cursors[cursors.length - 1]));
  const page = list.data ? pageOf(list.data) : null;

  const apply = (f: Filters) => {
    setApplied(f);
    setCursors([undefined]);
  };
  const filtered = JSON.stringify(applied) !== JSON.stringify(NO_FILTERS);
  const count = page
    ? page.rows.length === 0
      ? t(filtered || cursors.length > 1 ? 'audit.none' : 'audit.empty')
      : page.older !== undefined
        ? t('audit.foundMore', { count: page.rows.length })
        : t('audit.found', { count: page.rows.length })
    : '';
  const caption =
    page && page.rows.length > 0
      ? t('audit.captionRange', { first: page.rows[0].seq, last: page.rows[page.rows.length - 1].seq })
      : t('audit.caption');

  return (
    <>
      <div className="page-head">
        <PageHeading title={t('audit.title')}>{t('audit.title')}</PageHeading>
        <button type="button" className="button secondary" onClick={list.reload}>
          {t('app.refresh')}
        </button>
      </div>
      <p className="muted">{t('audit.intro')}</p>
      <ChainState />
      <AuditFilters applied={applied} onApply={apply} />
      <QueryState loading={list.loading} error={list.error} reload={list.reload} hasData={!!list.data} />
      <p aria-live="polite" aria-atomic="true" data-testid="audit-count">
        {list.loading ? '' : count}
      </p>
      {page && page.rows.length > 0 && <AuditTable rows={page.rows} caption={caption} />}
      {page && (cursors.length > 1 || page.older !== undefined) && (
        <nav aria-label={t('audit.paging')} className="form-actions">
          {/* aria-disabled, not disabled: the button keeps the focus when the last page is reached. */}
          <button
            type="button"
            className="button secondary"
            aria-disabled={cursors.length === 1}
            onClick={() => cursors.length > 1 && setCursors((c) => c.slice(0, -1))}
          >
            {t('audit.newer')}
          </button>
          <button
            type="button"
            className="button secondary"
            aria-disabled={page.older === undefined}
            onClick={() => page.older !== undefined && setCursors((c) => [...c, page.older])}
          >
            {t('audit.older')}
          </button>
        </nav>
      )}
    </>
  );
}
