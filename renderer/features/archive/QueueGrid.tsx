// The archive queue as a virtualised grid: only the rows in view are in the DOM, one tab stop (roving tabindex),
// arrows/Home/End/PageUp/PageDown move, Space selects (Shift+Space a range), Enter opens.
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueItem } from '../../../src/contract/classification';
import { useAnnounce } from '../../app/announcer';
import { asLang, type Lang } from '../../i18n';
import { formatDateTime } from '../../ui/format';
import { allState, moveRow, OVERSCAN, ROW_HEIGHT, scrollFor, visibleRange } from './queue-model';
import type { QueueData } from './useQueue';

export interface GridProps {
  queue: QueueData;
  caption: string;
  selected: ReadonlySet<string>;
  /** A row's checkbox or Space; `range`: with Shift, from the last one toggled. */
  onToggle: (index: number, id: string, range: boolean) => void;
  onToggleAll: (ids: string[]) => void;
  onOpen: (id: string) => void;
  openId: string | null;
}

const VIEWPORT = 520;

export function QueueGrid({ queue, caption, selected, onToggle, onToggleAll, onOpen, openId }: GridProps) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const announce = useAnnounce();
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(VIEWPORT);
  const [active, setActive] = useState(0);
  const pendingFocus = useRef<number | null>(null);
  const total = queue.total ?? 0;
  const { start, end } = visibleRange(scrollTop, viewport, total);
  const { ensure } = queue;

  useEffect(() => ensure(start, end), [ensure, start, end]);
  // A new list: back to its top.
  useEffect(() => {
    if (queue.total === null) {
      setActive(0);
      setScrollTop(0);
      if (scroller.current) scroller.current.scrollTop = 0;
    }
  }, [queue.total]);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    setViewport(el.clientHeight - ROW_HEIGHT);
  }, []);
  // A key moved the focus to a row that was not rendered yet: focus it once it is.
  useEffect(() => {
    if (pendingFocus.current === null) return;
    const row = scroller.current?.querySelector<HTMLElement>(`[data-row-index="${pendingFocus.current}"]`);
    if (row) {
      pendingFocus.current = null;
      row.focus({ preventScroll: true });
    }
  });

  const activeIndex = Math.min(active, Math.max(0, total - 1));
  const rows: { index: number; item: QueueItem | undefined }[] = [];
  for (let i = start; i < end; i++) rows.push({ index: i, item: queue.itemAt(i) });
  const inView = rows.slice(Math.min(OVERSCAN, rows.length)).filter((r) => r.item && r.index * ROW_HEIGHT < scrollTop + viewport);
  const viewIds = inView.map((r) => r.item!.id);
  const headState = allState(selected, viewIds);

  const moveTo = useCallback(
    (next: number) => {
      setActive(next);
      pendingFocus.current = next;
      const el = scroller.current;
      if (el) {
        const top = scrollFor(next, el.scrollTop, el.clientHeight - ROW_HEIGHT);
        if (top !== el.scrollTop) el.scrollTop = top;
        setScrollTop(el.scrollTop);
      }
    },
    [setActive],
  );

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>, index: number, item: QueueItem | undefined) => {
      if (e.target !== e.currentTarget) return;
      if (e.key === 'Enter' && item) {
        e.preventDefault();
        onOpen(item.id);
        return;
      }
      if (e.key === ' ' && item) {
        e.preventDefault();
        onToggle(index, item.id, e.shiftKey);
        return;
      }
      const next = moveRow(e.key, index, total, Math.floor(viewport / ROW_HEIGHT));
      if (next === null) return;
      e.preventDefault();
      if (next !== index) {
        moveTo(next);
        const target = queue.itemAt(next);
        if (target) announce(t('archive.rowAnnounce', { title: target.title, position: next + 1, total }));
      }
    },
    [onOpen, onToggle, total, viewport, moveTo, queue, announce, t],
  );

  return (
    <div className="archive-grid-wrap">
      <p id="archive-caption" className="muted">
        {caption}
      </p>
      <div
        ref={scroller}
        className="archive-grid"
        role="grid"
        aria-label={t('archive.gridLabel')}
        aria-describedby="archive-caption"
        aria-rowcount={total + 1}
        aria-colcount={8}
        aria-multiselectable="true"
        data-testid="archive-grid"
        data-total={total}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div role="rowgroup" className="archive-head">
          <div role="row" aria-rowindex={1} className="archive-row">
            <div role="columnheader" className="check-cell">
              <input
                type="checkbox"
                aria-label={t('archive.selectVisible')}
                checked={headState === 'all'}
                ref={(el) => {
                  if (el) el.indeterminate = headState === 'some';
                }}
                disabled={viewIds.length === 0}
                onChange={() => onToggleAll(viewIds)}
              />
            </div>
            <div role="columnheader">{t('archive.colTitle')}</div>
            <div role="columnheader">{t('archive.colAfzender')}</div>
            <div role="columnheader">{t('archive.colDocumenttype')}</div>
            <div role="columnheader">{t('archive.colVertrouwelijkheid')}</div>
            <div role="columnheader">{t('archive.colState')}</div>
            <div role="columnheader">{t('archive.colZaak')}</div>
            <div role="columnheader">{t('archive.colReceived')}</div>
          </div>
        </div>
        <div role="rowgroup" className="archive-body" style={{ height: total * ROW_HEIGHT }}>
          {rows.map(({ index, item }) => (
            <QueueRow
              key={index}
              index={index}
              item={item}
              lang={lang}
              active={index === activeIndex}
              checked={item ? selected.has(item.id) : false}
              open={!!item && item.id === openId}
              onKeyDown={onKeyDown}
              onFocusRow={setActive}
              onToggle={onToggle}
              onOpen={onOpen}
            />
          ))}
        </div>
      </div>
    </div>
  );
}

interface RowProps {
  index: number;
  item: QueueItem | undefined;
  lang: Lang;
  active: boolean;
  checked: boolean;
  open: boolean;
  onKeyDown: (e: KeyboardEvent<HTMLDivElement>, index: number, item: QueueItem | undefined) => void;
  onFocusRow: (index: number) => void;
  onToggle: (index: number, id: string, range: boolean) => void;
  onOpen: (id: string) => void;
}

const QueueRow = memo(function QueueRow({ index, item, lang, active, checked, open, onKeyDown, onFocusRow, onToggle, onOpen }: RowProps) {
  const { t } = useTranslation();
  const style = { top: index * ROW_HEIGHT, height: ROW_HEIGHT };
  const common = {
    role: 'row',
    'aria-rowindex': index + 2,
    tabIndex: active ? 0 : -1,
    'data-row-index': index,
    style,
    onKeyDown: (e: KeyboardEvent<HTMLDivElement>) => onKeyDown(e, index, item),
    onFocus: () => onFocusRow(index),
  } as const;
  if (!item) {
    return (
      <div {...common} className="archive-row is-loading" aria-busy="true">
        <div role="gridcell" className="check-cell" />
        <div role="gridcell">{t('app.loading')}</div>
      </div>
    );
  }
  const click = (e: MouseEvent) => {
    if ((e.target as HTMLElement).closest('input')) return;
    onOpen(item.id);
  };
  return (
    <div
      {...common}
      className={`archive-row${checked ? ' is-selected' : ''}${open ? ' is-open' : ''}`}
      aria-selected={checked}
      data-document-id={item.id}
      onClick={click}
    >
      <div role="gridcell" className="check-cell">
        <input
          type="checkbox"
          tabIndex={-1}
          checked={checked}
          aria-label={t('archive.selectRow', { title: item.title })}
          onChange={() => {}}
          onClick={(e) => onToggle(index, item.id, e.shiftKey)}
        />
      </div>
      <div role="gridcell" className="title-cell">
        {item.title}
      </div>
      <div role="gridcell">{item.afzender ?? t('app.none')}</div>
      <div role="gridcell">{item.documenttype ?? t('app.none')}</div>
      <div role="gridcell">{item.vertrouwelijkheid ? t(`filing.vertrouwelijkheidValues.${item.vertrouwelijkheid}`) : t('app.none')}</div>
      <div role="gridcell">
        <span className={`state-badge state-${item.state}`}>{t(`archive.states.${item.state}`)}</span>
      </div>
      <div role="gridcell">{item.zaaknummer ?? t('app.none')}</div>
      <div role="gridcell" className="nowrap">
        {formatDateTime(item.createdAt, lang)}
      </div>
    </div>
  );
});
