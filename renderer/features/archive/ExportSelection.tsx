// The e-depot export (MDTO) of the selection, written by the core into the export folder the administrator set, with
// its progress shown and announced, and what was skipped named with the reason.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandOutput, WireError } from '../../../src/contract';
import { useAnnounce } from '../../app/announcer';
import { useApi, useEvent } from '../../app/api';
import { ErrorNotice } from '../../ui/ErrorMessage';
import { Notice } from '../../ui/Notice';
import { MAX_SELECTION } from './queue-model';

type Result = CommandOutput<'export.mdtoSelection'>;

export function ExportSelection({ selected }: { selected: string[] }) {
  const { t } = useTranslation();
  const api = useApi();
  const announce = useAnnounce();
  const headingId = useId();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<WireError | null>(null);
  useEvent('export.progress', (p) => {
    if (busy) setProgress(p);
  });
  const tooMany = selected.length > MAX_SELECTION;

  const run = async () => {
    if (busy || selected.length === 0 || tooMany) return;
    setBusy(true);
    setError(null);
    setResult(null);
    setProgress({ done: 0, total: selected.length });
    const r = await api.call('export.mdtoSelection', { ids: selected });
    setBusy(false);
    setProgress(null);
    if (!r.ok) return setError(r.error);
    setResult(r.data);
    announce(t('archive.exportDone', { written: r.data.written.length, skipped: r.data.skipped.length, folder: r.data.folder }));
  };

  return (
    <section aria-labelledby={headingId} className="archive-export">
      <h2 id={headingId}>{t('archive.exportHeading')}</h2>
      <p className="muted">{t('archive.exportHint')}</p>
      <button type="button" className="button secondary" disabled={busy || selected.length === 0 || tooMany} onClick={() => void run()}>
        {t('archive.exportButton', { count: selected.length })}
      </button>
      {progress && (
        <p>
          <label>
            {t('archive.exportProgress', progress)}{' '}
            <progress max={progress.total} value={progress.done}>
              {progress.done}/{progress.total}
            </progress>
          </label>
        </p>
      )}
      <ErrorNotice error={error} />
      {result && (
        <Notice tone={result.skipped.length > 0 ? 'warning' : 'success'} role="status">
          <p>{t('archive.exportDone', { written: result.written.length, skipped: result.skipped.length, folder: result.folder })}</p>
          {result.skipped.length > 0 && (
            <ul>
              {result.skipped.map((s) => (
                <li key={s.id}>
                  <code>{s.id.slice(0, 8)}</code>: {s.reason}
                </li>
              ))}
            </ul>
          )}
        </Notice>
      )}
    </section>
  );
}
