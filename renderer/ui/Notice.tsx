// The message box the screens use for information, warnings, errors and successes.
import type { ReactNode } from 'react';

/** `alert` for errors that need attention now (read out at once), `status` for the rest. */
export function Notice({
  tone = 'info',
  role,
  children,
}: {
  tone?: 'info' | 'error' | 'success' | 'warning';
  role?: 'alert' | 'status';
  children: ReactNode;
}) {
  return (
    <div className={`notice notice-${tone}`} role={role}>
      {children}
    </div>
  );
}
