// One document in the archivist's workspace: its first page beside its classification, the types its zaak's zaaktype
// allows, Save (documents.classify), "Gecontroleerd" (classification.bulk on this one), and the retention in words.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WireError } from '../../../src/contract';
import { useAnnounce } from '../../app/announcer';
import { useApi, useCommand } from '../../app/api';
import { routeHref } from '../../app/route';
import { asLang } from '../../i18n';
import { ErrorNotice } from '../../ui/ErrorMessage';
import { formatDateTime } from '../../ui/format';
import { QueryState } from '../../ui/QueryState';
import { PageImage } from '../document/PageImage';
import { preselectType, typeOptions, type TypeOption } from '../sync/classify-model';
import { DocumentTypeChoice } from '../sync/DocumentTypeChoice';
import type { VertrouwelijkheidValue } from '../sync/useTypeChoice';
import { RetentionView } from './RetentionView';

export function ArchiveDocument({ id, onClose, onChanged }: { id: string; onClose: () => void; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const api = useApi();
  const announce = useAnnounce();
  const doc = useCommand('documents.get', { id });
  const cls = useCommand('classification.get', { id });
  const catalogue = useCommand('sync.catalogue', {});
  const heading = useRef<HTMLHeadingElement>(null);
  const [type, setType] = useState('');
  const [vh, setVh] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  const zaaktypeUrl = cls.data?.retention?.zaaktype?.url ?? null;
  const options: TypeOption[] = !catalogue.data
    ? []
    : zaaktypeUrl
      ? typeOptions(catalogue.data, zaaktypeUrl)
      : [...new Map(catalogue.data.informatieobjecttypen.map((o) => [o.url, o])).values()].sort((a, b) =>
          a.omschrijving.localeCompare(b.omschrijving, 'nl'),
        );
  const key = `${id}|${cls.data?.informatieobjecttype ?? ''}|${cls.data?.vertrouwelijkheid ?? ''}|${options.map((o) => o.url).join('|')}`;
  useEffect(() => {
    if (!cls.data) return;
    setType(preselectType(options, { value: cls.data.documenttype, url: cls.data.informatieobjecttype }, null));
    setVh(cls.data.vertrouwelijkheid ?? '');
    // Only another document or a changed classification starts the choice again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  useEffect(() => heading.current?.focus(), [id]);

  const title = doc.data?.title ?? '…';
  const c = cls.data;
  const changedType = !!type && type !== (c?.informatieobjecttype ?? '');
  const changedVh = !!vh && vh !== (c?.vertrouwelijkheid ?? '');

  const done = (message: string) => {
    setSaved(message);
    announce(message);
    cls.reload();
    doc.reload();
    onChanged();
  };

  const save = async () => {
    if (busy || (!changedType && !changedVh)) return;
    setBusy(true);
    setError(null);
    setRefusal(null);
    setSaved(null);
    const r = await api.call('documents.classify', {
      id,
      ...(doc.data ? { expectedVersion: doc.data.version } : {}),
      ...(changedType ? { documenttype: type } : {}),
      ...(changedVh ? { vertrouwelijkheid: vh as VertrouwelijkheidValue } : {}),
    });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    done(t(r.data.delivery && r.data.delivery !== 'niet-gekoppeld' ? 'archive.savedDelivered' : 'archive.saved', { title }));
  };

  const reviewed = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setRefusal(null);
    setSaved(null);
    const r = await api.call('classification.bulk', { ids: [id], reviewed: true, preview: false });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    const refused = r.data.results.find((x) => x.outcome === 'refused');
    if (refused) return setRefusal(t('archive.reviewRefused', { title, reason: refused.reason ?? '' }));
    done(t('archive.reviewedDone', { title }));
  };

  return (
    <section className="archive-document" aria-labelledby="archive-doc-h" data-testid="archive-document" data-document-id={id}>
      <div className="archive-doc-head">
        <h2 id="archive-doc-h" ref={heading} tabIndex={-1}>
          {title}
        </h2>
        <a href={routeHref({ name: 'document', id })}>{t('archive.openDocument')}</a>
        <button type="button" className="button small secondary" onClick={onClose}>
          {t('archive.closeDocument')}
        </button>
      </div>
      <QueryState loading={cls.loading} error={cls.error ?? doc.error} reload={cls.reload} hasData={!!c} />
      <div className="archive-doc-body">
        <div className="archive-page">
          {doc.data?.firstPage ? (
            <PageImage
              documentId={id}
              pageId={doc.data.firstPage.id}
              width={doc.data.firstPage.width}
              height={doc.data.firstPage.height}
              size="full"
              alt={t('archive.firstPageAlt', { title })}
              version={doc.data.version}
            />
          ) : (
            <p className="muted">{t('archive.noPage')}</p>
          )}
        </div>
        {c && (
          <div className="archive-classification">
            <dl className="facts">
              <dt>{t('archive.colState')}</dt>
              <dd data-testid="classification-state">{t(`archive.states.${c.state}`)}</dd>
              {c.reasons.length > 0 && (
                <>
                  <dt>{t('archive.reasons')}</dt>
                  <dd>{c.reasons.map((r) => t(`archive.reasonTexts.${r}`)).join('; ')}</dd>
                </>
              )}
              <dt>{t('archive.documenttype')}</dt>
              <dd data-testid="classification-type">{c.documenttype ?? t('app.none')}</dd>
              <dt>{t('archive.vertrouwelijkheid')}</dt>
              <dd>{c.vertrouwelijkheid ? t(`filing.vertrouwelijkheidValues.${c.vertrouwelijkheid}`) : t('app.none')}</dd>
              <dt>{t('archive.reviewed')}</dt>
              <dd>
                {c.reviewedBy && c.reviewedAt
                  ? t('archive.reviewedBy', { who: c.reviewedBy, when: formatDateTime(c.reviewedAt, lang) })
                  : t('archive.reviewedNo')}
              </dd>
            </dl>
            <form
              className="archive-classify"
              onSubmit={(e) => {
                e.preventDefault();
                void save();
              }}
            >
              {!zaaktypeUrl && <p className="muted">{t('archive.typesAll')}</p>}
              <DocumentTypeChoice
                options={options}
                type={type}
                vertrouwelijkheid={vh}
                onType={(u, v) => {
                  setType(u);
                  if (v) setVh(v);
                }}
                onVertrouwelijkheid={setVh}
                error={null}
              />
              <div className="form-actions">
                <button type="submit" className="button" disabled={busy || (!changedType && !changedVh)}>
                  {t('archive.save')}
                </button>
                <button type="button" className="button secondary" disabled={busy} onClick={() => void reviewed()}>
                  {t('archive.markOneReviewed')}
                </button>
              </div>
            </form>
            <ErrorNotice error={error} />
            {refusal && (
              <p className="notice notice-error" role="alert">
                {refusal}
              </p>
            )}
            {saved && (
              <p className="notice notice-success" role="status">
                {saved}
              </p>
            )}
            <RetentionView retention={c.retention} />
          </div>
        )}
      </div>
    </section>
  );
}
