// A short readable label (never colour alone: the text carries the meaning).
import type { ReactNode } from 'react';

export type BadgeTone = 'warning' | 'danger' | 'info' | 'neutral' | 'success';

export function Badge({ tone = 'neutral', children }: { tone?: BadgeTone; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
