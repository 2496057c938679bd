// Where a batch's quality control stands, as a badge with its Dutch (or English) word: never colour alone.
import { useTranslation } from 'react-i18next';
import type { QcState } from '../../../src/contract';
import { Badge, type BadgeTone } from '../../ui/Badge';

const TONE: Record<QcState, BadgeTone> = {
  open: 'neutral',
  steekproef: 'info',
  goedgekeurd: 'success',
  afgekeurd: 'danger',
  nascan: 'warning',
};

export function QcStateBadge({ state }: { state: QcState }) {
  const { t } = useTranslation();
  return (
    <span data-qc-state={state}>
      <Badge tone={TONE[state]}>{t(`batches.qcState.${state}`)}</Badge>
    </span>
  );
}
