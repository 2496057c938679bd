// The inbox's document grid, one tab stop (roving tabindex): Tab enters at the selected row, arrows move, Enter opens.
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary } from '../../../src/contract';
import { useAnnounce } from '../../app/announcer';
import { routeHref } from '../../app/route';
import { navigate } from '../../app/useRoute';
import { asLang, type Lang } from '../../i18n';
import { formatDateTime } from '../../ui/format';
import { QcBadges } from '../../ui/QcBadges';
import { PageImage } from '../document/PageImage';
import { StageBadge } from './StageBadge';
import { flatDocuments, moveIndex, type BatchGroup } from './model';

const COLUMNS = 7;

export function DocumentGrid({ groups, focusBatch, caption }: { groups: BatchGroup[]; focusBatch?: string; caption: string }) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const announce = useAnnounce();
  const flat = useMemo(() => flatDocuments(groups), [groups]);
  const [activeId, setActiveId] = useState<string | null>(null);
  const table = useRef<HTMLTableElement>(null);
  const target = focusBatch ? groups.find((g) => g.batchId === focusBatch)?.documents[0]?.id : undefined;
  const active = activeId && flat.some((d) => d.id === activeId) ? activeId : (target ?? flat[0]?.id ?? null);
  const indexOf = useMemo(() => new Map(flat.map((d, i) => [d.id, i])), [flat]);

  const focusRow = useCallback((id: string) => {
    table.current?.querySelector<HTMLElement>(`tr[data-document-id="${id}"]`)?.focus();
  }, []);

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLTableRowElement>, doc: DocumentSummary) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        navigate({ name: 'document', id: doc.id });
        return;
      }
      const next = moveIndex(e.key, indexOf.get(doc.id) ?? 0, flat.length);
      if (next === null) return;
      e.preventDefault();
      const target = flat[next];
      if (target.id !== doc.id) {
        // The row is already in the DOM: focus it now rather than after a re-render (one frame less per key).
        setActiveId(target.id);
        focusRow(target.id);
        announce(t('inbox.selected', { title: target.title, position: next + 1, total: flat.length }));
      }
    },
    [flat, indexOf, announce, t, focusRow],
  );

  const onSelect = useCallback((id: string) => setActiveId(id), []);

  // Coming from a link to one batch: bring it into view once it is listed.
  const shown = useRef<string | null>(null);
  const targetListed = !!focusBatch && groups.some((g) => g.batchId === focusBatch);
  useEffect(() => {
    if (!focusBatch || !targetListed || shown.current === focusBatch) return;
    shown.current = focusBatch;
    table.current?.querySelector(`tr[data-batch-id="${focusBatch}"]`)?.scrollIntoView({ block: 'start' });
  }, [focusBatch, targetListed]);

  return (
    <div className="table-wrap">
      <table ref={table} role="grid" aria-label={t('inbox.title')} aria-describedby="inbox-caption">
        <caption id="inbox-caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('inbox.colTitle')}</th>
            <th scope="col">{t('inbox.colFile')}</th>
            <th scope="col" className="num">
              {t('inbox.colPages')}
            </th>
            <th scope="col">{t('inboxStage.colStage')}</th>
            <th scope="col">{t('inbox.colQc')}</th>
            <th scope="col">{t('inbox.colZaak')}</th>
            <th scope="col">{t('inbox.colDate')}</th>
          </tr>
        </thead>
        {groups.map((g) => (
          <tbody key={g.batchId}>
            <tr className={g.batchId === focusBatch ? 'batch-row is-target' : 'batch-row'} data-batch-id={g.batchId}>
              <th scope="colgroup" colSpan={COLUMNS}>
                <BatchHeading group={g} lang={lang} />
              </th>
            </tr>
            {g.documents.map((d) => (
              <DocumentRow key={d.id} doc={d} active={d.id === active} lang={lang} onKeyDown={onKeyDown} onSelect={onSelect} />
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

function BatchHeading({ group, lang }: { group: BatchGroup; lang: Lang }) {
  const { t } = useTranslation();
  const b = group.batch;
  if (!b) return <>{t('inbox.batchHeading', { label: '…' })}</>;
  return (
    <>
      {t('inbox.batchHeading', { label: b.label })}
      <span className="batch-meta">
        {t('inbox.batchSource', { source: t(`source.${b.source}`) })} · {t('inbox.count', { count: b.documentCount })}
        {b.rejectedCount > 0 && <> · {t('inbox.batchRejected', { count: b.rejectedCount })}</>} · {t(`batchStatus.${b.status}`)}
        <span className="sr-only"> ({formatDateTime(b.createdAt, lang)})</span>
      </span>
    </>
  );
}

interface RowProps {
  doc: DocumentSummary;
  active: boolean;
  lang: Lang;
  onKeyDown: (e: KeyboardEvent<HTMLTableRowElement>, doc: DocumentSummary) => void;
  onSelect: (id: string) => void;
}

const DocumentRow = memo(function DocumentRow({ doc, active, lang, onKeyDown, onSelect }: RowProps) {
  const { t } = useTranslation();
  const zaak = doc.zaaknummer ?? doc.extracted.zaaknummer;
  return (
    <tr
      className="doc-row"
      data-document-id={doc.id}
      tabIndex={active ? 0 : -1}
      aria-selected={active}
      onKeyDown={(e) => onKeyDown(e, doc)}
      onFocus={() => onSelect(doc.id)}
      onClick={(e) => {
        onSelect(doc.id);
        if (!(e.target as HTMLElement).closest('a')) navigate({ name: 'document', id: doc.id });
      }}
    >
      <td>
        <span className="doc-title-cell">
          {doc.firstPage && (
            <span className="doc-thumb">
              {/* Decorative beside the title (alt ""): the title says which letter it is. */}
              <PageImage
                documentId={doc.id}
                pageId={doc.firstPage.id}
                width={doc.firstPage.width}
                height={doc.firstPage.height}
                size="thumb"
                alt=""
                version={doc.version}
              />
            </span>
          )}
          <a href={routeHref({ name: 'document', id: doc.id })} tabIndex={-1}>
            {doc.title || doc.fileName}
          </a>
        </span>
      </td>
      <td className="file-name">{doc.fileName}</td>
      <td className="num">{doc.pageCount > 0 ? doc.pageCount : t('app.none')}</td>
      <td>
        <StageBadge doc={doc} lang={lang} />
      </td>
      <td>
        <QcBadges doc={doc} />
      </td>
      <td className="nowrap">
        {zaak ?? t('app.none')}
        {zaak && doc.zaaknummerSource && <span className="muted zaak-source"> ({t(`inboxStage.zaakSource.${doc.zaaknummerSource}`)})</span>}
      </td>
      <td className="nowrap">{formatDateTime(doc.createdAt, lang)}</td>
    </tr>
  );
});
