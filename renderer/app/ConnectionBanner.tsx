// The banner shown while the core is unreachable (web harness): after a drop at once, at start-up after a short grace.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConnection } from './api';
import { useAnnounce } from './announcer';

const GRACE_MS = 1500;

export function ConnectionBanner() {
  const { t } = useTranslation();
  const state = useConnection();
  const announce = useAnnounce();
  const wasOpen = useRef(false);
  const [graceOver, setGraceOver] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setGraceOver(true), GRACE_MS);
    return () => clearTimeout(timer);
  }, []);
  const lostBefore = useRef(false);
  useEffect(() => {
    if (state === 'open') {
      if (lostBefore.current) announce(t('connection.restored'));
      wasOpen.current = true;
      lostBefore.current = false;
    } else if (wasOpen.current) {
      lostBefore.current = true;
    }
  }, [state, announce, t]);
  if (state === 'open' || (!wasOpen.current && !graceOver)) return null;
  return (
    <div className="connection-banner" role="alert" data-testid="connection-banner">
      {t('connection.lost')}
    </div>
  );
}
