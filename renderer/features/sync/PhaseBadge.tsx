// The outbox state in words (never colour alone): wacht, verzonden, aandacht.
import { useTranslation } from 'react-i18next';
import type { OutboxItem } from '../../../src/contract/sync';
import { phaseOf } from './outbox';

const TONE = { waiting: 'info', delivered: 'success', attention: 'danger' } as const;

export function PhaseBadge({ state }: { state: OutboxItem['state'] }) {
  const { t } = useTranslation();
  const phase = phaseOf(state);
  return (
    <span className={`badge badge-${TONE[phase]}`} data-testid="outbox-phase" data-phase={phase}>
      {t(`sync.phase.${phase}`)}
    </span>
  );
}
