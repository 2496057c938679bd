// For the clerk: the pages a checker judged fout, each rescanned from a scanner (found by the core or entered on the
// Scan screen) with a scan profile; the new scan replaces the page in place and waits to be judged again.
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QcView, WireError } from '../../../src/contract';
import { useAnnounce } from '../../app/announcer';
import { useApi, useCommand } from '../../app/api';
import { ErrorNotice } from '../../ui/ErrorMessage';
import { loadSavedScanners, mergeScanners, scannerKey, scannerLabel } from '../scan/address';

const DISCOVER_MS = 1500;

export function RescanSection({ qc, profile, onRescanned }: { qc: QcView; profile: string | null; onRescanned: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const announce = useAnnounce();
  const scannerId = useId();
  const profileId = useId();
  const wrong = qc.sample.filter((p) => p.verdict === 'fout');
  const open = wrong.length > 0 && (qc.state === 'afgekeurd' || qc.state === 'nascan');
  const found = useCommand('scanners.list', open ? { discoverMs: DISCOVER_MS } : null);
  const profiles = useCommand('profiles.list', open ? {} : null);
  const choices = useMemo(
    () => mergeScanners(found.data ?? [], loadSavedScanners(typeof localStorage === 'undefined' ? undefined : localStorage)),
    [found.data],
  );
  const [scanner, setScanner] = useState('');
  const [profileName, setProfileName] = useState(profile ?? '');
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<WireError | null>(null);

  // The first scanner until the clerk picks one; the batch's own profile when it still exists, else the first.
  useEffect(() => {
    if (!choices.some((c) => scannerKey(c.scanner) === scanner) && choices[0]) setScanner(scannerKey(choices[0].scanner));
  }, [choices, scanner]);
  useEffect(() => {
    const list = profiles.data ?? [];
    if (list.length > 0 && !list.some((p) => p.name === profileName)) setProfileName(list[0]!.name);
  }, [profiles.data, profileName]);

  if (!open) return null;
  const chosen = choices.find((c) => scannerKey(c.scanner) === scanner);

  const rescan = async (page: number) => {
    if (!chosen) return;
    setBusy(page);
    const r = await api.call('qc.rescanScan', { batchId: qc.batchId, page, scanner: chosen.scanner, profile: profileName || undefined });
    setBusy(null);
    if (!r.ok) return setError(r.error);
    setError(null);
    announce(r.data.newEioVersion ? t('batches.rescanDoneEio', { page }) : t('batches.rescanDone', { page }));
    onRescanned();
  };

  return (
    <section aria-labelledby="rescan-heading" className="batch-section" data-testid="batch-rescan">
      <h2 id="rescan-heading">{t('batches.rescanHeading')}</h2>
      <p className="muted">{t('batches.rescanIntro')}</p>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={scannerId}>{t('batches.rescanScanner')}</label>
          <select id={scannerId} value={scanner} onChange={(e) => setScanner(e.target.value)} disabled={choices.length === 0}>
            {choices.map((c) => (
              <option key={scannerKey(c.scanner)} value={scannerKey(c.scanner)}>
                {scannerLabel(t, c)}
              </option>
            ))}
          </select>
          <p className="muted" role="status">
            {found.loading ? t('batches.rescanSearching') : choices.length === 0 ? t('batches.rescanNoScanners') : ''}
          </p>
        </div>
        <div className="field">
          <label htmlFor={profileId}>{t('batches.rescanProfile')}</label>
          <select id={profileId} value={profileName} onChange={(e) => setProfileName(e.target.value)}>
            {(profiles.data ?? []).map((p) => (
              <option key={p.name} value={p.name}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorNotice error={error} />
      <ul className="rescan-list">
        {wrong.map((p) => (
          <li key={p.page} data-page={p.page}>
            <span>{t('batches.faultLine', { page: p.page, reason: t(`qcCheck.reason.${p.reason}`) })}</span>{' '}
            <button
              type="button"
              className="button secondary small"
              disabled={!chosen || busy !== null}
              onClick={() => void rescan(p.page)}
            >
              {busy === p.page ? t('batches.rescanBusy') : t('batches.rescanPage', { page: p.page })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
