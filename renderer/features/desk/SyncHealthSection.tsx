// Sync health per environment: its state (never green while failing), last success, errors in the last hour and day,
// the last failure in Dutch, and the documents in attention or waiting grouped by reason, each group retried at once.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mayCall, type Role } from '../../../src/contract';
import { useApi } from '../../app/api';
import { useAnnounce } from '../../app/announcer';
import { asLang } from '../../i18n';
import { Badge } from '../../ui/Badge';
import { errorText } from '../../ui/errorText';
import { formatDateTime, formatNumber } from '../../ui/format';
import { healthTone, reasonGroups, reasonText, type SyncHealth } from './model';

interface Props {
  health: Record<string, SyncHealth>;
  roles: readonly Role[];
  onRetried(): void;
}

export function SyncHealthSection({ health, roles, onRetried }: Props) {
  const { t } = useTranslation();
  const envs = Object.entries(health);
  return (
    <section aria-labelledby="desk-sync">
      <h2 id="desk-sync">{t('desk.syncTitle')}</h2>
      {envs.length === 0 && <p>{t('desk.syncNone')}</p>}
      {envs.map(([env, h]) => (
        <EnvHealth key={env} env={env} h={h} mayRetry={mayCall('sync.retryMany', roles)} onRetried={onRetried} />
      ))}
    </section>
  );
}

function EnvHealth({ env, h, mayRetry, onRetried }: { env: string; h: SyncHealth; mayRetry: boolean; onRetried(): void }) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const when = (iso: string | null) => (iso ? formatDateTime(iso, lang) : t('desk.never'));
  return (
    <article className="desk-env" data-env={env} data-state={h.state} aria-labelledby={`desk-env-${env}`}>
      <h3 id={`desk-env-${env}`}>
        {t('desk.envTitle', { env })} <Badge tone={healthTone(h.state)}>{t(`desk.state.${h.state}`)}</Badge>
      </h3>
      <dl className="fields">
        <dt>{t('desk.lastSuccess')}</dt>
        <dd>{when(h.lastSuccessAt)}</dd>
        <dt>{t('desk.errorsHour')}</dt>
        <dd>{t('desk.errorsOf', { errors: formatNumber(h.errorsLastHour, lang), requests: formatNumber(h.requestsLastHour, lang) })}</dd>
        <dt>{t('desk.errorsDay')}</dt>
        <dd>{formatNumber(h.errorsLastDay, lang)}</dd>
        {h.lastFailure && (
          <>
            <dt>{t('desk.lastFailure')}</dt>
            <dd>
              {when(h.lastFailure.at)}: {h.lastFailure.message} <code>{h.lastFailure.code}</code>
            </dd>
          </>
        )}
      </dl>
      <ReasonTable env={env} kind="attention" byReason={h.attentionByReason} mayRetry={mayRetry} onRetried={onRetried} />
      <ReasonTable env={env} kind="waiting" byReason={h.waitingByReason} mayRetry={mayRetry} onRetried={onRetried} />
    </article>
  );
}

interface ReasonProps {
  env: string;
  kind: 'attention' | 'waiting';
  byReason: Record<string, number>;
  mayRetry: boolean;
  onRetried(): void;
}

function ReasonTable({ env, kind, byReason, mayRetry, onRetried }: ReasonProps) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const api = useApi();
  const announce = useAnnounce();
  const [busy, setBusy] = useState<string | null>(null);
  const [result, setResult] = useState<{ code: string; text: string; ok: boolean } | null>(null);
  const groups = reasonGroups(byReason);

  const retry = async (code: string) => {
    setBusy(code);
    const r = await api.call('sync.retryMany', { reason: code });
    setBusy(null);
    const text = r.ok
      ? t('desk.retried', { retried: r.data.retried, skipped: r.data.skipped, code })
      : t('desk.retryFailed', { code, message: errorText(t, lang, r.error) });
    setResult({ code, text, ok: r.ok });
    announce(text);
    onRetried();
  };

  const told = result && (
    <p className={result.ok ? 'desk-retry-result' : 'field-error'} data-testid="desk-retry-result">
      {result.text}
    </p>
  );
  if (groups.length === 0)
    return (
      <>
        {told}
        <p className="muted">{t(`desk.${kind}None`)}</p>
      </>
    );
  return (
    <>
      {told}
      <table data-testid={`desk-${kind}-${env}`}>
        <caption>{t(`desk.${kind}Caption`)}</caption>
        <thead>
          <tr>
            <th scope="col">{t('desk.colReason')}</th>
            <th scope="col">{t('desk.colCount')}</th>
            {mayRetry && <th scope="col">{t('desk.colAction')}</th>}
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.code} data-reason={g.code}>
              <th scope="row">
                <code>{g.code}</code> {reasonText(g.code, lang) ?? t('desk.reasonUnknown')}
              </th>
              <td>{formatNumber(g.count, lang)}</td>
              {mayRetry && (
                <td>
                  <button
                    type="button"
                    className="button secondary"
                    disabled={busy !== null}
                    aria-label={t('desk.retryGroup', { code: g.code, count: g.count })}
                    onClick={() => void retry(g.code)}
                  >
                    {busy === g.code ? t('desk.retrying') : t('app.retry')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
