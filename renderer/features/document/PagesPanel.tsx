// The document's pages as an ordered list, each with its actions: turn, move, delete (undo restores it), split
// before it.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary, Result, WireError } from '../../../src/contract';
import type { PageInfo } from '../../../src/contract/edit';
import { useApi, useEvent } from '../../app/api';
import { useAnnounce } from '../../app/announcer';
import { routeHref } from '../../app/route';
import { asLang } from '../../i18n';
import { Badge } from '../../ui/Badge';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Notice } from '../../ui/Notice';
import { QcBadges } from '../../ui/QcBadges';
import { QueryState } from '../../ui/QueryState';
import { PageImage } from './PageImage';
import { normalRotation, pageActions, pageSize, splitPages, type PageAction } from './pages';

/** A message as key and values, so that it is said in the language of the moment (the clerk may switch). */
interface Msg {
  key: string;
  params?: Record<string, unknown>;
}
interface Outcome {
  message: Msg;
  focus: string;
  notice?: { message: Msg; undo?: string; link?: { href: string; label: Msg } };
}

/**
 * After every change the list is read again, the document and its PDF preview are refreshed
 * (`onChanged`), the result is announced and the focus goes where the clerk will want to continue: the same
 * button on the same page, the undo button after a delete, the result after a split.
 */
export function PagesPanel({ doc, version, onChanged }: { doc: DocumentSummary; version: number; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const api = useApi();
  const announce = useAnnounce();
  const headingId = useId();
  const [pages, setPages] = useState<PageInfo[] | null>(null);
  const [loadError, setLoadError] = useState<WireError | undefined>();
  const [error, setError] = useState<WireError | null>(null);
  const [notice, setNotice] = useState<Outcome['notice'] | null>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  /** Where the focus goes once `pages` (the list read after the change) is on screen. */
  const focusAfter = useRef<{ sel: string; list: string | null } | null>(null);
  const panel = useRef<HTMLElement>(null);

  const load = useCallback(async (): Promise<PageInfo[] | null> => {
    const r = await api.call('documents.pages', { id: doc.id, includeRemoved: true });
    if (!r.ok) {
      setLoadError(r.error);
      return null;
    }
    setPages(r.data);
    setLoadError(undefined);
    return r.data;
  }, [api, doc.id]);
  useEffect(() => {
    void load();
  }, [load, version]);
  useEvent('document.changed', (e) => {
    if (e.documentId === doc.id && !busyRef.current) void load();
  });
  const reload = useCallback(() => void load(), [load]);

  // The focus moves once the list read after the change is on screen and its target is there: not earlier (the
  // old list may hold an element that matches, and a moved item loses the focus when it is re-inserted), and the
  // wish is kept across renders until then (a commit may come before the state that asked for it), dropped by
  // the next action.
  useEffect(() => {
    const f = focusAfter.current;
    if (!f || (f.list !== null && f.list !== listKey(pages))) return;
    const el = panel.current?.querySelector<HTMLElement>(f.sel);
    if (!el) return;
    focusAfter.current = null;
    el.focus();
  });

  const run = async <D,>(op: () => Promise<Result<D>>, outcome: (data: D) => Outcome) => {
    if (busyRef.current) return;
    busyRef.current = true;
    focusAfter.current = null;
    setBusy(true);
    setError(null);
    const r = await op();
    if (r.ok) {
      const o = outcome(r.data);
      const fresh = await load();
      setNotice(o.notice ?? null);
      focusAfter.current = { sel: o.focus, list: fresh && listKey(fresh) };
      onChanged();
      announce(t(o.message.key, o.message.params));
    } else {
      setError(r.error);
      focusAfter.current = { sel: '[data-focus="error"]', list: null };
    }
    busyRef.current = false;
    setBusy(false);
  };

  const { visible, removed } = splitPages(pages ?? []);
  const count = visible.length;
  const onPage = (pageId: string, what: string) => `[data-page-id="${pageId}"] ${what}`;

  const act = (action: PageAction, index: number, page: PageInfo) => {
    const n = index + 1;
    switch (action) {
      case 'rotate90':
      case 'rotate180': {
        const degrees = action === 'rotate90' ? 90 : 180;
        return run(
          () => api.call('documents.rotatePage', { id: doc.id, page: index, rotation: degrees }),
          () => ({
            message: { key: 'pages.rotated', params: { page: n, degrees } },
            focus: onPage(page.pageId, `[data-action="${action}"]`),
          }),
        );
      }
      case 'up':
      case 'down': {
        const to = action === 'up' ? index - 1 : index + 1;
        return run(
          () => api.call('documents.movePage', { id: doc.id, from: index, to }),
          () => ({
            message: { key: 'pages.moved', params: { from: n, to: to + 1 } },
            focus: pageActions(to, count).includes(action) ? onPage(page.pageId, `[data-action="${action}"]`) : onPage(page.pageId, 'h3'),
          }),
        );
      }
      case 'delete':
        return run(
          () => api.call('documents.deletePage', { id: doc.id, page: index }),
          (d) => ({
            message: { key: 'pages.deleted', params: { page: n } },
            focus: '[data-focus="undo"]',
            notice: { message: { key: 'pages.deleted', params: { page: n } }, undo: d.removedPageId },
          }),
        );
      case 'split':
        return run(
          () => api.call('documents.split', { id: doc.id, atPage: index }),
          (d) => {
            const message = { key: 'pages.splitDone', params: { page: n, from: n, to: count, count: count - index } };
            return {
              message,
              focus: '[data-focus="result"]',
              notice: { message, link: { href: routeHref({ name: 'document', id: d.documents[1] }), label: { key: 'pages.openNew' } } },
            };
          },
        );
    }
  };

  const restore = (pageId: string) =>
    run(
      () => api.call('documents.restorePage', { id: doc.id, pageId }),
      (d) => {
        const at = d.pages.findIndex((p) => p.pageId === pageId) + 1;
        return { message: { key: 'pages.restored', params: { page: at } }, focus: onPage(pageId, 'h3') };
      },
    );

  return (
    <section ref={panel} className="pages-panel" aria-labelledby={headingId} aria-busy={busy || undefined}>
      <h2 id={headingId}>{t('pages.heading')}</h2>
      <QueryState loading={pages === null && !loadError} error={loadError} reload={reload} hasData={pages !== null} />
      {error && (
        <Notice tone="error" role="alert">
          <p tabIndex={-1} data-focus="error" data-testid="pages-error">
            <ErrorMessage error={error} />
          </p>
        </Notice>
      )}
      {notice && (
        <Notice tone="success">
          <p tabIndex={-1} data-focus="result" data-testid="pages-result">
            {t(notice.message.key, notice.message.params)}
          </p>
          {notice.undo && (
            <button type="button" className="button secondary small" data-focus="undo" onClick={() => void restore(notice.undo!)}>
              {t('pages.undo')}
            </button>
          )}
          {notice.link && (
            <p>
              <a href={notice.link.href}>{t(notice.link.label.key, notice.link.label.params)}</a>
            </p>
          )}
        </Notice>
      )}
      {pages && count === 0 && <p className="muted">{t('pages.none')}</p>}
      {count > 0 && (
        <ol className="page-list" aria-labelledby={headingId} data-testid="page-list">
          {visible.map((p, i) => (
            <PageItem
              key={p.pageId}
              documentId={doc.id}
              page={p}
              index={i}
              count={count}
              lang={lang}
              busy={busy}
              onAct={(a) => void act(a, i, p)}
            />
          ))}
        </ol>
      )}
      {removed.length > 0 && (
        <>
          <h3>{t('pages.removedHeading')}</h3>
          <ul className="removed-list" data-testid="removed-pages">
            {removed.map((p) => (
              <li key={p.pageId} data-page-id={p.pageId}>
                <span>{t('pages.removedItem', { page: p.seq + 1 })}</span>
                <button
                  type="button"
                  className="button secondary small"
                  aria-disabled={busy || undefined}
                  onClick={() => void restore(p.pageId)}
                >
                  {t('pages.restore')}
                  <span className="sr-only"> {t('pages.removedItem', { page: p.seq + 1 })}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** What the list looks like (order, turns, deletions): equal after a re-read that found no further change. */
const listKey = (pages: readonly PageInfo[] | null): string =>
  (pages ?? []).map((p) => `${p.pageId}:${p.seq}:${p.rotation}:${p.removed ? 1 : 0}`).join(',');

const ACTION_TONE: Partial<Record<PageAction, string>> = { delete: 'danger' };

function PageItem({
  documentId,
  page: p,
  index,
  count,
  lang,
  busy,
  onAct,
}: {
  documentId: string;
  page: PageInfo;
  index: number;
  count: number;
  lang: 'nl' | 'en';
  busy: boolean;
  onAct: (a: PageAction) => void;
}) {
  const { t } = useTranslation();
  const n = index + 1;
  const size = pageSize(p);
  const rotation = normalRotation(p.rotation);
  const flags = p.blank && !p.qcFlags.includes('blank') ? [...p.qcFlags, 'blank' as const] : p.qcFlags;
  const mm = (v: number) => v.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB');
  const sizeText = size.paper
    ? t(size.landscape ? 'pages.sizeLandscape' : 'pages.sizePortrait', { paper: size.paper, dpi: p.dpi })
    : t('pages.sizeMm', { width: mm(size.widthMm), height: mm(size.heightMm), dpi: p.dpi });
  return (
    <li className="page-item" data-page-id={p.pageId} style={{ display: 'flex', gap: '0.75rem', alignItems: 'flex-start' }}>
      {/* The thumbnail as it is now: a turned page has a new image (and a new URL fragment, so it is fetched again). */}
      <PageImage
        documentId={documentId}
        pageId={p.pageId}
        width={p.width}
        height={p.height}
        size="thumb"
        version={p.rotation}
        alt={t('pages.thumbAlt', {
          page: n,
          pages: count,
        })}
      />
      <div style={{ flex: '1 1 auto', minWidth: 0 }}>
        <div className="page-info">
          <h3 tabIndex={-1}>{t('pages.page', { page: n })}</h3>
          <span className="muted">{sizeText}</span>
          {rotation !== 0 && <Badge tone="info">{t('pages.rotation', { degrees: rotation })}</Badge>}
          <QcBadges doc={{ qcFlags: flags, containsBsn: false }} />
        </div>
        <div className="page-actions" role="group" aria-label={t('pages.actionsFor', { page: n })}>
          {pageActions(index, count).map((a) => (
            <button
              key={a}
              type="button"
              className={`button secondary small ${ACTION_TONE[a] ?? ''}`}
              data-action={a}
              aria-disabled={busy || undefined}
              onClick={() => {
                if (!busy) onAct(a);
              }}
            >
              {a === 'up' && <span aria-hidden="true">↑ </span>}
              {a === 'down' && <span aria-hidden="true">↓ </span>}
              {t(`pages.actions.${a}`)}
              <span className="sr-only"> {t('pages.ofPage', { page: n })}</span>
            </button>
          ))}
        </div>
      </div>
    </li>
  );
}
