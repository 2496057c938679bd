// Per-file progress of each import, then its summary and the reason for every file that was not stored.
import { useTranslation } from 'react-i18next';
import { asLang } from '../../i18n';
import { errorText } from '../../ui/errorText';
import { Notice } from '../../ui/Notice';
import { percent } from './chunks';
import type { ImportRun } from './useImport';
import type { FileUpload } from './upload';

function phaseText(t: (k: string, o?: Record<string, unknown>) => string, f: FileUpload): string {
  switch (f.phase) {
    case 'uploading':
      return t('import.uploading', { percent: percent(f.sent, f.size) });
    case 'sent':
      return t('import.sent');
    case 'stored':
      return t('import.stored');
    case 'failed':
      return t('import.failed');
    default:
      return t('import.waiting');
  }
}

export function ImportRuns({ runs, onDismiss }: { runs: ImportRun[]; onDismiss: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  if (runs.length === 0) return null;
  return (
    <div className="import-runs">
      {runs.map((run) => {
        const failed = run.files.filter((f) => f.phase === 'failed');
        const stored = run.files.filter((f) => f.phase === 'stored').length;
        return (
          <Notice key={run.id} tone={run.done ? (failed.length > 0 ? 'error' : 'success') : 'info'}>
            <h2 className="sr-only">{t('import.heading')}</h2>
            {!run.done && (
              <ul className="upload-list" aria-label={t('import.busy')}>
                {run.files.map((f, i) => (
                  <li key={i} className="upload-item">
                    <span className="file-name">{f.name}</span>
                    <progress max={Math.max(f.size, 1)} value={f.phase === 'waiting' ? 0 : Math.min(f.sent, f.size)} aria-label={f.name} />
                    <span>{phaseText(t, f)}</span>
                  </li>
                ))}
              </ul>
            )}
            {run.done && <p role="status">{t('import.summary', { stored, rejected: failed.length })}</p>}
            {run.done && failed.length > 0 && (
              <div role="alert">
                <p>
                  <strong>{t('import.errorsHeading')}</strong>
                </p>
                <ul data-testid="import-errors">
                  {failed.map((f, i) => (
                    <li key={i}>{errorText(t, lang, f.error ?? { code: 'internal' }, f.name)}</li>
                  ))}
                </ul>
              </div>
            )}
            {run.done && (
              <button type="button" className="button secondary" onClick={() => onDismiss(run.id)}>
                {t('import.dismiss')}
              </button>
            )}
          </Notice>
        );
      })}
    </div>
  );
}
