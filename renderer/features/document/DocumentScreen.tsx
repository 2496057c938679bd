// The document view: one document's extracted values, zaak, QC flags, pages and file facts next to its preview.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary, ExtractedSummary } from '../../../src/contract';
import { useApi, useCommand, useEvent } from '../../app/api';
import { routeHref } from '../../app/route';
import { asLang, type Lang } from '../../i18n';
import { formatBytes, formatDate, formatDateTime } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { PageHeading } from '../../ui/PageHeading';
import { QcBadges } from '../../ui/QcBadges';
import { QueryState } from '../../ui/QueryState';
import { StatusBadge } from '../../ui/StatusBadge';
import { ZaakPanel } from '../sync/ZaakPanel';
import { FieldRegion } from './FieldRegion';
import { FieldsPanel, type FocusedRegion } from './FieldsPanel';
import { FilingProvider, type FilingSteps } from './filing';
import { FilingBar } from './FilingBar';
import { MergePanel } from './MergePanel';
import { PagesPanel } from './PagesPanel';
import { confidencePercent } from './pages';
import { previewFor, versionedUrl } from './preview';

const FIELDS: (keyof ExtractedSummary)[] = ['zaaknummer', 'letterDate', 'kenmerk', 'kvk', 'iban', 'postcode', 'sender'];

export function DocumentScreen({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const doc = useCommand('documents.get', { id });
  useEvent('document.changed', (e) => {
    if (e.documentId === id) doc.reload();
  });
  const d = doc.data;
  return (
    <>
      <p>
        <a href={routeHref({ name: 'inbox' })}>
          <span aria-hidden="true">← </span>
          {t('document.back')}
        </a>
      </p>
      {!d && <PageHeading title={t('app.loading')}>{doc.error ? t('app.notFoundTitle') : t('app.loading')}</PageHeading>}
      <QueryState loading={doc.loading} error={doc.error} reload={doc.reload} hasData={!!d} />
      {d && <DocumentView doc={d} lang={lang} reload={doc.reload} />}
    </>
  );
}

function DocumentView({ doc, lang, reload }: { doc: DocumentSummary; lang: Lang; reload: () => void }) {
  const { t } = useTranslation();
  const title = doc.title || doc.fileName;
  // Bumped after each page operation: the PDF is rebuilt, the frame must load it again.
  const [version, setVersion] = useState(0);
  const changed = useCallback(() => {
    reload();
    setVersion((v) => v + 1);
  }, [reload]);
  // What "Gereed" runs: the fields panel and the zaak form register their steps here.
  const steps = useRef<FilingSteps>({});
  const [region, setRegion] = useState<FocusedRegion>(null);
  return (
    <FilingProvider steps={steps}>
      <PageHeading title={title}>{title}</PageHeading>
      <FilingBar doc={doc} steps={steps} reload={reload} />
      <div className="detail">
        <div>
          {doc.handBack && (
            <Notice tone="warning">
              <p data-testid="hand-back-note">
                <strong>{t('document.handedBack', { by: doc.handBack.by })}</strong> {doc.handBack.note}
              </p>
            </Notice>
          )}
          {doc.containsBsn && (
            <Notice tone="warning">
              <p>{t('document.bsnNote')}</p>
            </Notice>
          )}
          <FieldsPanel doc={doc} reload={reload} onFocusRegion={setRegion} />
          <ZaakPanel documentId={doc.id} doc={doc} />
          <h2>{t('document.metadata')}</h2>
          <ExtractedFields doc={doc} lang={lang} />
          {doc.metadata && Object.keys(doc.metadata).length > 0 && (
            <>
              <h2>{t('document.separator')}</h2>
              <dl className="fields" data-testid="separator-metadata">
                {Object.entries(doc.metadata).map(([k, v]) => (
                  <div key={k} style={{ display: 'contents' }}>
                    <dt>{t(`document.metadataKeys.${k}`, { defaultValue: k })}</dt>
                    <dd>{v}</dd>
                  </div>
                ))}
              </dl>
            </>
          )}
          <h2>{t('document.qc')}</h2>
          <QcBadges doc={doc} showNone />
          <PagesPanel doc={doc} version={version} onChanged={changed} />
          <MergePanel doc={doc} onMerged={changed} />
          <h2>{t('document.fileInfo')}</h2>
          <dl className="fields">
            <dt>{t('document.fileName')}</dt>
            <dd className="file-name">{doc.fileName}</dd>
            <dt>{t('document.status')}</dt>
            <dd>
              <StatusBadge status={doc.status} />
            </dd>
            <dt>{t('document.pages')}</dt>
            <dd>{doc.pageCount > 0 ? doc.pageCount : t('app.none')}</dd>
            <dt>{t('document.type')}</dt>
            <dd>{doc.originalMime}</dd>
            <dt>{t('document.pdf')}</dt>
            <dd>{doc.hasPdf ? t('document.pdfYes') : t('document.pdfNo')}</dd>
            <dt>{t('document.size')}</dt>
            <dd>{formatBytes(doc.size, lang)}</dd>
            <dt>{t('document.received')}</dt>
            <dd>{formatDateTime(doc.createdAt, lang)}</dd>
            <dt>{t('document.changed')}</dt>
            <dd>{formatDateTime(doc.updatedAt, lang)}</dd>
            <dt>{t('document.sha256')}</dt>
            <dd className="file-name">{doc.sha256}</dd>
          </dl>
        </div>
        <section aria-labelledby="preview-heading" className="preview-column">
          <h2 id="preview-heading">{t('document.preview')}</h2>
          {region && <FieldRegion documentId={doc.id} region={region} />}
          <Preview doc={doc} title={title} version={version} />
          <RecognisedText id={doc.id} version={version} />
        </section>
      </div>
    </FilingProvider>
  );
}

/** The values found in the text; how sure recognition was, where it says so, in small print. */
function ExtractedFields({ doc, lang }: { doc: DocumentSummary; lang: Lang }) {
  const { t } = useTranslation();
  return (
    <dl className="fields" data-testid="extracted">
      {FIELDS.map((f) => {
        const v = f === 'zaaknummer' ? (doc.zaaknummer ?? doc.extracted.zaaknummer) : doc.extracted[f];
        // Only for the value shown: a zaaknummer from a separator sheet is not what recognition was unsure of.
        const found = v !== null ? doc.extractedDetail?.[f] : null;
        const sure = found && found.value === v ? found : null;
        return (
          <div key={f} style={{ display: 'contents' }}>
            <dt>{t(`document.fields.${f}`)}</dt>
            <dd>
              {v === null ? <span className="muted">{t('document.notFound')}</span> : f === 'letterDate' ? formatDate(v, lang) : v}
              {sure && (
                <span className="confidence">
                  {doc.pageCount > 1
                    ? t('document.confidenceOnPage', { percent: confidencePercent(sure.confidence), page: sure.page + 1 })
                    : t('document.confidence', { percent: confidencePercent(sure.confidence) })}
                </span>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

function Preview({ doc, title, version }: { doc: DocumentSummary; title: string; version: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const p = previewFor(doc);
  const label = t('document.previewOf', { title });
  return (
    <div className="preview">
      {p.kind === 'pdf' && (
        <iframe key={version} src={versionedUrl(api.blobUrl(doc.id, p.blob), version)} title={label} data-testid="preview-pdf" />
      )}
      {p.kind === 'image' && (
        <img key={version} src={versionedUrl(api.blobUrl(doc.id, 'original'), version)} alt={label} data-testid="preview-image" />
      )}
      {p.kind === 'none' && (
        <Notice>
          <p>{t('document.noPreview')}</p>
        </Notice>
      )}
    </div>
  );
}

/** The recognised text, fetched only when opened (it can be long). BSNs in it arrive masked from the core. */
function RecognisedText({ id, version }: { id: string; version: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const text = useCommand('documents.text', open ? { id } : null);
  // Merged pages bring their text along: read it again after a change, if it is open.
  const { reload } = text;
  const seen = useRef(version);
  useEffect(() => {
    if (seen.current === version) return;
    seen.current = version;
    if (open) reload();
  }, [version, open, reload]);
  return (
    <details className="ocr-text" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t('document.text')}</summary>
      <QueryState loading={text.loading} error={text.error} reload={text.reload} hasData={!!text.data} />
      {text.data && (text.data.text.trim() ? <pre tabIndex={0}>{text.data.text}</pre> : <p className="muted">{t('document.noText')}</p>)}
    </details>
  );
}
