// A document's stage as a badge (Dutch or English label), with the server's reason when it needs attention.
import { STAGE_LABELS, type DocumentStage, type DocumentSummary } from '../../../src/contract';
import type { Lang } from '../../i18n';
import { Badge, type BadgeTone } from '../../ui/Badge';

const TONE: Record<DocumentStage, BadgeTone> = {
  'aandacht-nodig': 'danger',
  afgeleverd: 'success',
  'in-outbox': 'info',
  nieuw: 'neutral',
  'te-controleren': 'warning',
  'klaar-om-te-koppelen': 'success',
};

export function StageBadge({ doc, lang }: { doc: Pick<DocumentSummary, 'stage' | 'stageReason'>; lang: Lang }) {
  return (
    <span data-stage={doc.stage}>
      <Badge tone={TONE[doc.stage]}>{STAGE_LABELS[doc.stage][lang]}</Badge>
      {doc.stageReason && <span className="stage-reason"> {doc.stageReason}</span>}
    </span>
  );
}
