// One bar per batch being processed, with text ("Pagina 3 van 12 — brief.pdf").
import { useTranslation } from 'react-i18next';
import { progressView, type IngestProgress } from './model';

/**
 * A batch's bar goes away when the batch is done (its status comes from batches.list, refreshed on batch.changed).
 */
export function IngestProgressBars({ progress, isDone }: { progress: Map<string, IngestProgress>; isDone: (batchId: string) => boolean }) {
  const { t } = useTranslation();
  const visible = [...progress.entries()].filter(([batchId]) => !isDone(batchId));
  if (visible.length === 0) return null;
  return (
    <div className="ingest-progress" data-testid="ingest-progress">
      {visible.map(([batchId, p]) => {
        const view = progressView(p);
        const text = t(view.text.key, view.text.params);
        return (
          <div key={batchId}>
            <p>{text}</p>
            <progress max={view.max} value={view.value} aria-label={t('inbox.progressLabel')} aria-valuetext={text} />
          </div>
        );
      })}
    </div>
  );
}
