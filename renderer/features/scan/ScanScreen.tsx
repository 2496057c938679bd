// The scan screen: the clerk picks a scanner and a scan profile, starts the scan and follows the job.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanProfileDto } from '../../../src/contract';
import { Notice } from '../../ui/Notice';
import { PageHeading } from '../../ui/PageHeading';
import { ProfilePicker } from './ProfilePicker';
import { scannerLabel, type ScannerChoice } from './address';
import { ScanJobPanel } from './ScanJobPanel';
import { ScannerPicker } from './ScannerPicker';
import { useScanSession } from './scanSession';

export function ScanScreen() {
  const { t } = useTranslation();
  const { session, job } = useScanSession();
  const [scanner, setScanner] = useState<ScannerChoice | null>(null);
  const [profile, setProfile] = useState<ScanProfileDto | null>(null);
  const [missing, setMissing] = useState(false);
  const running = session.running;

  const start = () => {
    if (!scanner || !profile) {
      setMissing(true);
      return;
    }
    setMissing(false);
    void session.start(scanner.scanner, profile, scannerLabel(t, scanner));
  };
  const chooseScanner = useCallback((s: ScannerChoice | null) => {
    setScanner(s);
    if (s) setMissing(false);
  }, []);

  return (
    <>
      <PageHeading title={t('scan.title')}>{t('scan.title')}</PageHeading>
      <p className="muted">{t('scan.intro')}</p>
      <div className="scan-layout">
        <div className="scan-column">
          <ScannerPicker selected={scanner?.scanner ?? null} onSelect={chooseScanner} locked={running} />
        </div>
        <div className="scan-column">
          <ProfilePicker selected={profile} onSelect={setProfile} locked={running} />
        </div>
      </div>
      <div className="scan-actions">
        <button type="button" className="button large" onClick={start} disabled={running}>
          {t('scan.start')}
        </button>
        {missing && (
          <Notice tone="warning" role="alert">
            <p>{!scanner ? t('scan.noScanner') : t('scan.noProfile')}</p>
          </Notice>
        )}
      </div>
      <ScanJobPanel job={job} session={session} />
    </>
  );
}
