// The audit chain's state as audit.verify reports it: intact (anchored or not), or broken at entry N and why.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../app/api';
import { Notice } from '../../ui/Notice';
import { QueryState } from '../../ui/QueryState';
import { chainState } from './model';

export function ChainState() {
  const { t } = useTranslation();
  const headingId = useId();
  const verify = useCommand('audit.verify', {});
  const state = verify.data ? chainState(verify.data) : null;
  return (
    <section aria-labelledby={headingId} className="audit-chain" data-testid="audit-chain">
      <h2 id={headingId}>{t('audit.chainHeading')}</h2>
      {verify.loading && (
        <p className="muted" role="status">
          {t('audit.checking')}
        </p>
      )}
      <QueryState loading={false} error={verify.error} reload={verify.reload} hasData={!!verify.data} />
      {state && !verify.loading && (
        <Notice tone={state.tone} role={state.tone === 'error' ? 'alert' : 'status'}>
          <p data-chain={state.key} data-seq={state.key === 'broken' ? state.seq : undefined}>
            {state.key === 'broken'
              ? t('audit.chainBroken', { seq: state.seq, why: t(`audit.kinds.${state.kind}`) })
              : state.key === 'intact'
                ? t('audit.chainIntact', { count: state.count, anchor: state.anchorSeq })
                : t('audit.chainIntactUnanchored', { count: state.count })}
          </p>
        </Notice>
      )}
      <button type="button" className="button secondary small" onClick={verify.reload}>
        {t('audit.recheck')}
      </button>
    </section>
  );
}
