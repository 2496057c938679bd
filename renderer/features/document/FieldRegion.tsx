// The page a focused field was read from, with the place of its value highlighted.
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../app/api';
import type { FocusedRegion } from './FieldsPanel';
import { PageImage } from './PageImage';
import { splitPages } from './pages';

export function FieldRegion({ documentId, region }: { documentId: string; region: NonNullable<FocusedRegion> }) {
  const { t } = useTranslation();
  const pages = useCommand('documents.pages', { id: documentId, includeRemoved: false });
  const page = pages.data ? splitPages(pages.data).visible[region.page] : undefined;
  if (!page) return null;
  const label = t('filing.regionOf', { page: region.page + 1, field: t(`filing.fields.${region.field}`) });
  return (
    <figure className="field-region" data-testid="field-region">
      <figcaption className="muted">{t('filing.regionHeading')}</figcaption>
      <PageImage
        documentId={documentId}
        pageId={page.pageId}
        width={page.width}
        height={page.height}
        size="full"
        alt={label}
        highlight={region.box}
      />
    </figure>
  );
}
