// The search screen: the clerk's search through the stored documents' text, each hit linked with its snippet.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../app/api';
import { useAnnounce } from '../../app/announcer';
import { routeHref } from '../../app/route';
import { navigate } from '../../app/useRoute';
import { PageHeading } from '../../ui/PageHeading';
import { QueryState } from '../../ui/QueryState';
import { snippetParts } from './snippet';

/** The query lives in the route (#/zoeken?q=…), so Back and reload keep it. */
export function SearchScreen({ query }: { query: string }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const inputId = useId();
  const hintId = useId();
  const [text, setText] = useState(query);
  useEffect(() => setText(query), [query]);
  const q = query.trim();
  const hits = useCommand('documents.search', q ? { query: q.slice(0, 500), limit: 50 } : null);

  useEffect(() => {
    if (q && hits.data && !hits.loading)
      announce(hits.data.length > 0 ? t('search.results', { count: hits.data.length, query: q }) : t('search.none', { query: q }));
  }, [hits.data, hits.loading, q, announce, t]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate({ name: 'search', query: text.trim() });
  };

  return (
    <>
      <PageHeading title={t('search.title')}>{t('search.title')}</PageHeading>
      <form role="search" className="search-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor={inputId}>{t('search.label')}</label>
          <input
            id={inputId}
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={hintId}
            maxLength={500}
          />
        </div>
        <button type="submit" className="button">
          {t('search.submit')}
        </button>
      </form>
      <p id={hintId} className="muted">
        {t('search.hint')}
      </p>
      {q && <QueryState loading={hits.loading} error={hits.error} reload={hits.reload} hasData={!!hits.data} />}
      {q && hits.data && (
        <>
          <h2>{hits.data.length > 0 ? t('search.results', { count: hits.data.length, query: q }) : t('search.none', { query: q })}</h2>
          <ol className="results">
            {hits.data.map((h) => (
              <li key={h.id}>
                <a href={routeHref({ name: 'document', id: h.id })}>{h.title}</a>
                {h.snippet && (
                  <p className="snippet">
                    {snippetParts(h.snippet).map((part, i) =>
                      part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
                    )}
                  </p>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}
