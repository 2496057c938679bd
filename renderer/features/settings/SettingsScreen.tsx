// The settings: the language and one's own PIN for everyone; the workstation's limits (auto-lock, purge, largest file,
// the stage warning), throughput per person and the Selectielijst's addresses for the administrator, each within the
// contract's hard bounds.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AUTO_LOCK_MINUTES,
  FILE_SIZE_LIMIT,
  PURGE_AFTER_DAYS,
  STAGE_WARN_HOURS,
  type Settings,
  type WireError,
} from '../../../src/contract';
import { useAnnounce } from '../../app/announcer';
import { useApi, useCommand } from '../../app/api';
import { useSession } from '../../app/session';
import { asLang, LANGS, type Lang } from '../../i18n';
import { ErrorNotice } from '../../ui/ErrorMessage';
import { Field } from '../../ui/Field';
import { formatNumber } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { PageHeading } from '../../ui/PageHeading';
import { QueryState } from '../../ui/QueryState';
import { ChangePinForm } from './ChangePinForm';
import { basesFieldLabels, basesOf, SelectielijstBasesField } from './SelectielijstBasesField';

/** The largest file is set in whole megabytes (10^6 bytes), within the contract's bounds in bytes. */
const MB = 1_000_000;
export const FILE_MB = { min: Math.ceil(FILE_SIZE_LIMIT.min / MB), max: Math.floor(FILE_SIZE_LIMIT.max / MB) } as const;

type LimitKey = 'autoLockMinutes' | 'purgeAfterDays' | 'maxFileMb' | 'stageWarnHours';
const BOUNDS: Record<LimitKey, { min: number; max: number }> = {
  autoLockMinutes: AUTO_LOCK_MINUTES,
  purgeAfterDays: PURGE_AFTER_DAYS,
  maxFileMb: FILE_MB,
  stageWarnHours: STAGE_WARN_HOURS,
};

export function SettingsScreen() {
  const { t } = useTranslation();
  const { person } = useSession();
  const settings = useCommand('settings.get', {});
  const admin = person?.roles.includes('beheerder') ?? false;
  return (
    <>
      <PageHeading title={t('settings.title')}>{t('settings.title')}</PageHeading>
      <LanguageChoice />
      <h2>{t('settings.ownPin')}</h2>
      <ChangePinForm />
      <h2>{t('settings.workstation')}</h2>
      <QueryState loading={settings.loading} error={settings.error} reload={settings.reload} hasData={!!settings.data} />
      {settings.data && (admin ? <LimitsForm settings={settings.data} onSaved={settings.reload} /> : <LimitsShown s={settings.data} />)}
    </>
  );
}

/** The language, everyone's own choice: applied at once and kept in the store's settings. */
function LanguageChoice() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const announce = useAnnounce();
  const current = asLang(i18n.language);
  const choose = async (lang: Lang) => {
    await i18n.changeLanguage(lang);
    announce(i18n.t('language.changed'));
    await api.call('settings.set', { locale: lang });
  };
  return (
    <fieldset className="choice-group">
      <legend>{t('language.label')}</legend>
      {LANGS.map((l) => (
        <div className="check" key={l}>
          <input
            type="radio"
            id={`settings-lang-${l}`}
            name="settings-lang"
            value={l}
            checked={current === l}
            onChange={() => void choose(l)}
          />
          <label htmlFor={`settings-lang-${l}`} lang={l}>
            {t(`language.${l}`)}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

function LimitsShown({ s }: { s: Settings }) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  return (
    <>
      <p>{t('settings.adminOnly')}</p>
      <dl className="settings-list">
        <dt>{t('settings.autoLockMinutes')}</dt>
        <dd>{t('settings.minutes', { count: s.autoLockMinutes })}</dd>
        <dt>{t('settings.purgeAfterDays')}</dt>
        <dd>{t('settings.days', { count: s.purgeAfterDays })}</dd>
        <dt>{t('settings.maxFileMb')}</dt>
        <dd>{t('settings.megabytes', { size: formatNumber(Math.round(s.maxFileBytes / MB), lang) })}</dd>
        <dt>{t('settings.stageWarnHours')}</dt>
        <dd>{t('settings.workingHours', { count: s.stageWarnHours })}</dd>
        <dt>{t('settings.perPersonStats')}</dt>
        <dd>{s.perPersonStats ? t('settings.on') : t('settings.off')}</dd>
        <dt>{t('settings.archiefvormer')}</dt>
        <dd>{s.archiefvormer ?? t('settings.notSet')}</dd>
        <dt>{t('settings.exportDir')}</dt>
        <dd>{s.exportDir ?? t('settings.notSet')}</dd>
        <dt>{t('settings.selectielijstBases')}</dt>
        <dd>{s.selectielijstBases.length > 0 ? s.selectielijstBases.join(', ') : t('settings.noSelectielijst')}</dd>
      </dl>
    </>
  );
}

function LimitsForm({ settings, onSaved }: { settings: Settings; onSaved: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const session = useSession();
  const announce = useAnnounce();
  const initial: Record<LimitKey, string> = {
    autoLockMinutes: String(settings.autoLockMinutes),
    purgeAfterDays: String(settings.purgeAfterDays),
    maxFileMb: String(Math.round(settings.maxFileBytes / MB)),
    stageWarnHours: String(settings.stageWarnHours),
  };
  const [v, setV] = useState(initial);
  const [perPerson, setPerPerson] = useState(settings.perPersonStats);
  const [archiefvormer, setArchiefvormer] = useState(settings.archiefvormer ?? '');
  const [exportDir, setExportDir] = useState(settings.exportDir ?? '');
  const [bases, setBases] = useState(settings.selectielijstBases.join('\n'));
  const [problems, setProblems] = useState<Partial<Record<LimitKey, string>>>({});
  const [error, setError] = useState<WireError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const found: Partial<Record<LimitKey, string>> = {};
    const changed = (Object.keys(BOUNDS) as LimitKey[]).filter((k) => v[k].trim() !== initial[k]);
    for (const k of changed) {
      const n = Number(v[k].trim());
      if (!Number.isInteger(n) || n < BOUNDS[k].min || n > BOUNDS[k].max) found[k] = t('settings.outOfBounds', BOUNDS[k]);
    }
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const num = (k: LimitKey) => Number(v[k].trim());
    const input = {
      ...(changed.includes('autoLockMinutes') ? { autoLockMinutes: num('autoLockMinutes') } : {}),
      ...(changed.includes('purgeAfterDays') ? { purgeAfterDays: num('purgeAfterDays') } : {}),
      ...(changed.includes('maxFileMb') ? { maxFileBytes: num('maxFileMb') * MB } : {}),
      ...(changed.includes('stageWarnHours') ? { stageWarnHours: num('stageWarnHours') } : {}),
      ...(perPerson !== settings.perPersonStats ? { perPersonStats: perPerson } : {}),
      // An emptied field clears the setting.
      ...(archiefvormer.trim() !== (settings.archiefvormer ?? '') ? { archiefvormer: archiefvormer.trim() || null } : {}),
      ...(exportDir.trim() !== (settings.exportDir ?? '') ? { exportDir: exportDir.trim() || null } : {}),
      ...(JSON.stringify(basesOf(bases)) !== JSON.stringify(settings.selectielijstBases) ? { selectielijstBases: basesOf(bases) } : {}),
    };
    setError(null);
    if (Object.keys(input).length === 0) return setSaved(true);
    setBusy(true);
    const r = await api.call('settings.set', input);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setSaved(true);
    announce(t('settings.saved'));
    // The auto-lock's minutes are part of the session's state.
    if (changed.includes('autoLockMinutes')) session.refresh();
    onSaved();
  };

  const field = (k: LimitKey, hint: string) => (
    <Field
      name={k}
      type="number"
      inputMode="numeric"
      min={BOUNDS[k].min}
      max={BOUNDS[k].max}
      step={1}
      label={t(`settings.${k}`)}
      hint={hint}
      value={v[k]}
      onChange={(x) => setV((old) => ({ ...old, [k]: x }))}
      error={problems[k]}
    />
  );
  return (
    <form className="settings-form" data-testid="settings-form" onSubmit={submit} noValidate>
      {field('autoLockMinutes', t('settings.autoLockHint', BOUNDS.autoLockMinutes))}
      {field('purgeAfterDays', t('settings.purgeHint', BOUNDS.purgeAfterDays))}
      {field('maxFileMb', t('settings.maxFileHint', BOUNDS.maxFileMb))}
      {field('stageWarnHours', t('settings.stageWarnHint', BOUNDS.stageWarnHours))}
      <div className="check">
        <input
          type="checkbox"
          id="settings-perPersonStats"
          name="perPersonStats"
          aria-describedby="settings-perPersonStats-hint"
          checked={perPerson}
          onChange={(e) => setPerPerson(e.target.checked)}
        />
        <label htmlFor="settings-perPersonStats">{t('settings.perPersonStats')}</label>
        <span className="check-hint" id="settings-perPersonStats-hint">
          {t('settings.perPersonStatsHint')}
        </span>
      </div>
      <Field
        name="archiefvormer"
        label={t('settings.archiefvormer')}
        hint={t('settings.archiefvormerHint')}
        value={archiefvormer}
        maxLength={200}
        onChange={setArchiefvormer}
      />
      <Field
        name="exportDir"
        label={t('settings.exportDir')}
        hint={t('settings.exportDirHint')}
        value={exportDir}
        maxLength={1024}
        onChange={setExportDir}
      />
      <SelectielijstBasesField value={bases} onChange={setBases} />
      <ErrorNotice
        error={error}
        fields={{
          autoLockMinutes: t('settings.autoLockMinutes'),
          purgeAfterDays: t('settings.purgeAfterDays'),
          maxFileBytes: t('settings.maxFileMb'),
          stageWarnHours: t('settings.stageWarnHours'),
          perPersonStats: t('settings.perPersonStats'),
          archiefvormer: t('settings.archiefvormer'),
          exportDir: t('settings.exportDir'),
          ...basesFieldLabels(t),
        }}
      />
      {saved && (
        <Notice tone="success" role="status">
          <p>{t('settings.saved')}</p>
        </Notice>
      )}
      <button type="submit" className="button" disabled={busy}>
        {busy ? t('auth.busy') : t('settings.save')}
      </button>
    </form>
  );
}
