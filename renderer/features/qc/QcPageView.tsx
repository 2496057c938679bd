// The sampled page shown large, as it was scanned, with its place in the batch and the sample; its pixel size from
// its document's pages (so the layout is reserved before the image arrives).
import { useTranslation } from 'react-i18next';
import type { QcView } from '../../../src/contract';
import { useCommand } from '../../app/api';
import { PageImage } from '../document/PageImage';

type SamplePage = QcView['sample'][number];

export function QcPageView({ page, index, total }: { page: SamplePage; index: number; total: number }) {
  const { t } = useTranslation();
  const pages = useCommand('documents.pages', { id: page.documentId, includeRemoved: true });
  const info = pages.data?.find((p) => p.pageId === page.pageId);
  const alt = t('qcCheck.pageAlt', { page: page.page });
  return (
    <figure className="qc-page" data-testid="qc-page" data-page={page.page} data-page-id={page.pageId}>
      <figcaption className="qc-position" data-testid="qc-position">
        {t('qcCheck.position', { page: page.page, index: index + 1, total })}
      </figcaption>
      {info ? (
        <PageImage
          documentId={page.documentId}
          pageId={page.pageId}
          width={info.width}
          height={info.height}
          size="full"
          alt={alt}
          version={page.rescans}
        />
      ) : pages.error ? (
        // Without its size the page is still shown (the layout moves once when it arrives).
        <PageImage
          documentId={page.documentId}
          pageId={page.pageId}
          width={1200}
          height={1600}
          size="full"
          alt={alt}
          version={page.rescans}
        />
      ) : (
        <p className="muted" role="status">
          {t('qcCheck.pageLoading')}
        </p>
      )}
    </figure>
  );
}
