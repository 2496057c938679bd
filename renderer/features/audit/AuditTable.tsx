// One page of audit entries as a table: who (name, login, roles), where from, the action's label, object, result.
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../src/contract/audit';
import { asLang, type Lang } from '../../i18n';
import { detailsText } from './model';
import { actionLabel, roleLabel, term } from './terms';

const TAG: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };

/** Date and time to the second (an audit line's order within a minute matters). */
function when(iso: string, lang: Lang): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(TAG[lang], { dateStyle: 'short', timeStyle: 'medium' }).format(d);
}

/** A uuid (a document's, a batch's) shortened as the rest of the UI shows it; a login or a setting's name stays whole. */
const shortId = (id: string) => (/^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(id) ? `${id.slice(0, 8)}…` : id);

function Who({ e, lang }: { e: AuditEntry; lang: Lang }) {
  const { t } = useTranslation();
  if (e.actor === 'postkamer' && !e.actorName) return <>{t('audit.system')}</>;
  if (e.actor === 'onbekend' && !e.actorName) return <>{t('audit.unknownPerson')}</>;
  return (
    <>
      <span className="audit-name">{e.actorName ?? e.actor}</span>
      <br />
      <span className="muted">
        {e.actor} · {e.roles.length > 0 ? e.roles.map((r) => roleLabel(r, lang)).join(', ') : t('audit.noRoles')}
      </span>
    </>
  );
}

export function AuditTable({ rows, caption }: { rows: AuditEntry[]; caption: string }) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  return (
    <div className="table-wrap">
      <table data-testid="audit-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              #
            </th>
            <th scope="col">{t('audit.colTime')}</th>
            <th scope="col">{t('audit.colActor')}</th>
            <th scope="col">{t('audit.colOrigin')}</th>
            <th scope="col">{t('audit.colAction')}</th>
            <th scope="col">{t('audit.colObject')}</th>
            <th scope="col">{t('audit.colResult')}</th>
            <th scope="col">{t('audit.colDetails')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.seq} data-seq={r.seq} data-action={r.action}>
              <th scope="row" className="num">
                {r.seq}
              </th>
              <td className="nowrap">{when(r.at, lang)}</td>
              <td>
                <Who e={r} lang={lang} />
              </td>
              <td>
                {term(t, 'origins', r.origin)}
                {r.workstation && <span className="muted"> · {r.workstation}</span>}
              </td>
              <td>{actionLabel(r.action, lang)}</td>
              <td>
                {r.objectType ? term(t, 'objects', r.objectType) : t('app.none')}
                {r.objectId && <span className="file-name"> {shortId(r.objectId)}</span>}
              </td>
              <td>{term(t, 'results', r.result)}</td>
              <td>{Object.keys(r.details).length === 0 ? t('app.none') : detailsText(r.details, t('app.none'))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
