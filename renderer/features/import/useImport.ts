// Runs the clerk's imports one after the other (each becomes one batch); the UI shows each run until it is dismissed.
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../app/api';
import { useAnnounce } from '../../app/announcer';
import { uploadFiles, type FileUpload, type UploadFile } from './upload';

export interface ImportRun {
  id: number;
  files: FileUpload[];
  done: boolean;
}

export function useImport() {
  const api = useApi();
  const announce = useAnnounce();
  const { t } = useTranslation();
  const [runs, setRuns] = useState<ImportRun[]>([]);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const nextId = useRef(1);

  const update = (id: number, patch: Partial<ImportRun>) => setRuns((rs) => rs.map((r) => (r.id === id ? { ...r, ...patch } : r)));

  const start = useCallback(
    (files: readonly UploadFile[]) => {
      if (files.length === 0) return;
      const id = nextId.current++;
      setRuns((rs) => [...rs, { id, files: files.map((f) => ({ name: f.name, size: f.size, sent: 0, phase: 'waiting' })), done: false }]);
      chain.current = chain.current.then(async () => {
        const out = await uploadFiles(api, files, { onChange: (fs) => update(id, { files: fs }) });
        update(id, { files: out.files, done: true });
        const stored = out.files.filter((f) => f.phase === 'stored').length;
        announce(t('import.summary', { stored, rejected: out.files.length - stored }));
      });
    },
    [api, announce, t],
  );

  const dismiss = useCallback((id: number) => setRuns((rs) => rs.filter((r) => r.id !== id)), []);
  return { runs, start, dismiss, busy: runs.some((r) => !r.done) };
}
