// "Gereed" (Ctrl+Enter anywhere in the document view: save, link, open the next document to handle) and the notice of
// an automatic split (B confirms, O undoes).
import { useCallback, useEffect, useRef, useState, type MutableRefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary, PostkamerApi, WireError } from '../../../src/contract';
import { useApi } from '../../app/api';
import { useAnnounce } from '../../app/announcer';
import { navigate } from '../../app/useRoute';
import { ErrorNotice } from '../../ui/ErrorMessage';
import { Notice } from '../../ui/Notice';
import type { FilingSteps } from './filing';
import { nextToHandle, shortcutOf, takesText, TO_HANDLE } from './next-model';

/** The documents still to handle, over every batch (the inbox's two stages). */
async function findNext(api: PostkamerApi, currentId: string): Promise<DocumentSummary | null> {
  const lists = await Promise.all(TO_HANDLE.map((stage) => api.call('documents.list', { stage, order: 'oldest', limit: 500 })));
  return nextToHandle(
    lists.flatMap((r) => (r.ok ? r.data : [])),
    currentId,
  );
}

export function FilingBar({ doc, steps, reload }: { doc: DocumentSummary; steps: MutableRefObject<FilingSteps>; reload: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<WireError | null>(null);

  const done = useCallback(async () => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setNote(null);
    try {
      if (!(await (steps.current.saveFields?.() ?? Promise.resolve(true)))) return;
      const link = steps.current.link;
      if (!link) {
        setNote(t('filing.doneNeedsZaak'));
        announce(t('filing.doneNeedsZaak'));
        return;
      }
      if (!(await link())) return;
      const next = await findNext(api, doc.id);
      if (next) {
        announce(t('filing.doneNext', { title: next.title || next.fileName }));
        navigate({ name: 'document', id: next.id });
      } else {
        announce(t('filing.doneLast'));
        navigate({ name: 'inbox' });
      }
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  }, [api, announce, doc.id, steps, t]);

  const split = useCallback(
    async (how: 'confirm' | 'undo') => {
      if (busyRef.current) return;
      busyRef.current = true;
      setError(null);
      const r =
        how === 'confirm'
          ? await api.call('documents.confirmSplit', { id: doc.id })
          : await api.call('documents.undoSplit', { id: doc.id });
      busyRef.current = false;
      if (!r.ok) {
        setError(r.error);
        return;
      }
      announce(how === 'confirm' ? t('filing.splitConfirmed') : t('filing.splitUndone'));
      const into = how === 'undo' ? (r.data as { documentId?: string }).documentId : undefined;
      if (into && into !== doc.id) navigate({ name: 'document', id: into });
      else reload();
    },
    [api, announce, doc.id, reload, t],
  );

  // Listening on the window in the capture phase: Ctrl+Enter in a field must not submit that field's form first.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (document.querySelector('dialog[open]')) return;
      const target = e.target as HTMLElement | null;
      const action = shortcutOf(
        { key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, inField: takesText(target as HTMLInputElement | null) },
        doc.autoSplit,
      );
      if (action === 'done') {
        e.preventDefault();
        void done();
      } else if (action === 'confirmSplit' || action === 'undoSplit') {
        // A key on a button or link is the clerk's command too; only typing in a field is not.
        e.preventDefault();
        void split(action === 'confirmSplit' ? 'confirm' : 'undo');
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [done, split, doc.autoSplit]);

  return (
    <>
      {doc.autoSplit && (
        <Notice tone="warning">
          <p>
            <strong data-testid="auto-split-notice">{t('filing.autoSplit')}</strong> {t('filing.autoSplitHint')}
          </p>
          <div className="form-actions">
            <button type="button" className="button" aria-keyshortcuts="B" onClick={() => void split('confirm')}>
              {t('filing.confirmSplit')}
            </button>
            <button type="button" className="button secondary" aria-keyshortcuts="O" onClick={() => void split('undo')}>
              {t('filing.undoSplit')}
            </button>
          </div>
        </Notice>
      )}
      <ErrorNotice error={error} />
      <div className="filing-bar">
        <button
          type="button"
          className="button"
          data-testid="gereed"
          aria-keyshortcuts="Control+Enter"
          aria-describedby="gereed-hint"
          disabled={busy}
          onClick={() => void done()}
        >
          {busy ? t('filing.doneBusy') : t('filing.done')}
        </button>{' '}
        <span id="gereed-hint" className="muted">
          {t('filing.doneHint')}
        </span>
        {note && (
          <Notice tone="warning" role="status">
            <p>{note}</p>
          </Notice>
        )}
      </div>
    </>
  );
}
