// The sampled pages in a row, each with its verdict in words: a button that shows that page.
import { useTranslation } from 'react-i18next';
import type { QcView } from '../../../src/contract';
import { Badge } from '../../ui/Badge';

export function SampleList({ sample, index, onShow }: { sample: QcView['sample']; index: number; onShow: (i: number) => void }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="qc-sample-heading" className="qc-sample">
      <h2 id="qc-sample-heading">{t('qcCheck.sampleHeading')}</h2>
      <ol className="qc-sample-list" data-testid="qc-sample">
        {sample.map((p, i) => (
          <li key={p.page}>
            <button
              type="button"
              className="qc-sample-item"
              aria-current={i === index ? 'true' : undefined}
              data-page={p.page}
              data-verdict={p.verdict ?? 'open'}
              onClick={() => onShow(i)}
            >
              <span>{t('qcCheck.sampleItem', { page: p.page })}</span>{' '}
              {p.verdict === null ? (
                <Badge tone="neutral">{t('qcCheck.verdictNone')}</Badge>
              ) : p.verdict === 'goed' ? (
                <Badge tone="success">{t('qcCheck.verdictGood')}</Badge>
              ) : (
                <Badge tone="danger">{t('qcCheck.verdictFault', { reason: t(`qcCheck.reason.${p.reason}`) })}</Badge>
              )}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
