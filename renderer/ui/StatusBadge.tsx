// A document's processing status (stored, processing, ready, failed) as a badge in the UI language.
import { useTranslation } from 'react-i18next';
import type { DocumentSummary } from '../../src/contract';
import { Badge, type BadgeTone } from './Badge';

const TONE: Record<DocumentSummary['status'], BadgeTone> = { stored: 'neutral', processing: 'info', ready: 'success', failed: 'danger' };

export function StatusBadge({ status }: { status: DocumentSummary['status'] }) {
  const { t } = useTranslation();
  return <Badge tone={TONE[status]}>{t(`docStatus.${status}`)}</Badge>;
}
