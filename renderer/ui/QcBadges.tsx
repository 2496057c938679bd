// A document's QC flags and its BSN marker as badges.
import { useTranslation } from 'react-i18next';
import type { DocumentSummary } from '../../src/contract';
import { Badge, type BadgeTone } from './Badge';

const TONE: Record<DocumentSummary['qcFlags'][number], BadgeTone> = {
  'low-resolution': 'warning',
  'too-dark': 'warning',
  'too-light': 'warning',
  'strong-skew': 'warning',
  'low-ocr-confidence': 'warning',
  blank: 'info',
  'orientation-uncertain': 'warning',
};

/** `showNone` writes "Geen opmerkingen" when there is nothing. */
export function QcBadges({ doc, showNone = false }: { doc: Pick<DocumentSummary, 'qcFlags' | 'containsBsn'>; showNone?: boolean }) {
  const { t } = useTranslation();
  if (doc.qcFlags.length === 0 && !doc.containsBsn) return showNone ? <span className="muted">{t('qc.none')}</span> : null;
  return (
    <span className="badges">
      {doc.qcFlags.map((f) => (
        <Badge key={f} tone={TONE[f] ?? 'neutral'}>
          {t(`qc.${f}`)}
        </Badge>
      ))}
      {doc.containsBsn && <Badge tone="danger">{t('qc.bsn')}</Badge>}
    </span>
  );
}
