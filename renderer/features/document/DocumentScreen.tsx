import { useState } from 'react';
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
import { previewFor } from './preview';

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
      <p><a href={routeHref({ name: 'inbox' })}><span aria-hidden="true">← </span>{t('document.back')}</a></p>
      {!d && <PageHeading title={t('app.loading')}>{doc.error ? t('app.notFoundTitle') : t('app.loading')}</PageHeading>}
      <QueryState loading={doc.loading} error={doc.error} reload={doc.reload} hasData={!!d} />
      {d && <DocumentView doc={d} lang={lang} />}
    </>
  );
}

function DocumentView({ doc, lang }: { doc: DocumentSummary; lang: Lang }) {
  const { t } = useTranslation();
  const title = doc.title || doc.fileName;
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <div className="detail">
        <div>
          {doc.containsBsn && <Notice tone="warning"><p>{t('document.bsnNote')}</p></Notice>}
          <h2>{t('document.metadata')}</h2>
          <dl className="fields" data-testid="extracted">
            {FIELDS.map((f) => {
              const v = f === 'zaaknummer' ? (doc.zaaknummer ?? doc.extracted.zaaknummer) : doc.extracted[f];
              return (
                <div key={f} style={{ display: 'contents' }}>
                  <dt>{t(`document.fields.${f}`)}</dt>
                  <dd>{v === null ? <span className="muted">{t('document.notFound')}</span> : f === 'letterDate' ? formatDate(v, lang) : v}</dd>
                </div>
              );
            })}
          </dl>
          <h2>{t('document.qc')}</h2>
          <QcBadges doc={doc} showNone />
          <h2>{t('document.fileInfo')}</h2>
          <dl className="fields">
            <dt>{t('document.fileName')}</dt>
            <dd className="file-name">{doc.fileName}</dd>
            <dt>{t('document.status')}</dt>
            <dd><StatusBadge status={doc.status} /></dd>
            <dt>{t('document.pages')}</dt>
            <dd>{doc.pageCount > 0 ? doc.pageCount : t('app.none')}</dd>
            <dt>{t('document.type')}</dt>
            <dd>{doc.mime}</dd>
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
        <section aria-labelledby="preview-heading">
          <h2 id="preview-heading">{t('document.preview')}</h2>
          <Preview doc={doc} title={title} />
          <RecognisedText id={doc.id} />
        </section>
      </div>
    </>
  );
}

function Preview({ doc, title }: { doc: DocumentSummary; title: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const p = previewFor(doc);
  const label = t('document.previewOf', { title });
  return (
    <div className="preview">
      {p.kind === 'pdf' && <iframe src={api.blobUrl(doc.id, p.blob)} title={label} data-testid="preview-pdf" />}
      {p.kind === 'image' && <img src={api.blobUrl(doc.id, 'original')} alt={label} data-testid="preview-image" />}
      {p.kind === 'none' && <Notice><p>{t('document.noPreview')}</p></Notice>}
    </div>
  );
}

/** The recognised text, fetched only when opened (it can be long). BSNs in it arrive masked from the core. */
function RecognisedText({ id }: { id: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const text = useCommand('documents.text', open ? { id } : null);
  return (
    <details className="ocr-text" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t('document.text')}</summary>
      <QueryState loading={text.loading} error={text.error} reload={text.reload} hasData={!!text.data} />
      {text.data && (text.data.text.trim() ? <pre tabIndex={0}>{text.data.text}</pre> : <p className="muted">{t('document.noText')}</p>)}
    </details>
  );
}
