// The form that edits an unlocked scan profile.
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ScanProfile, type ScanProfileDto } from '../../../src/contract';

const RESOLUTIONS = [200, 300, 400, 600] as const;
const COLOURS = ['auto', 'colour', 'gray', 'bilevel'] as const;
const SOURCES = ['feeder', 'flatbed'] as const;
const BLANKS = ['drop', 'flag', 'separate'] as const;
const IMAGE_MODES = ['standard', 'lossless'] as const;
// The contract's limits, so that the field stops where the core would refuse.
const MAX_LABEL = ScanProfile.shape.label.maxLength ?? 80;
const MAX_DOCUMENT_TYPE = ScanProfile.shape.documentType.unwrap().maxLength ?? 100;

/** Its name (its identity in batches and the audit trail) and its lock are not editable. */
export function ProfileForm({
  profile,
  busy,
  onSave,
  onCancel,
}: {
  profile: ScanProfileDto;
  busy: boolean;
  onSave(p: ScanProfileDto): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(profile);
  const [documentType, setDocumentType] = useState(profile.documentType ?? '');
  const [labelMissing, setLabelMissing] = useState(false);
  const set = <K extends keyof ScanProfileDto>(k: K, v: ScanProfileDto[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const ids = {
    label: useId(),
    labelError: useId(),
    resolution: useId(),
    colour: useId(),
    source: useId(),
    duplex: useId(),
    blank: useId(),
    image: useId(),
    type: useId(),
    sep: useId(),
    patch: useId(),
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const label = draft.label.trim();
    if (!label) {
      setLabelMissing(true);
      document.getElementById(ids.label)?.focus();
      return;
    }
    setLabelMissing(false);
    onSave({ ...draft, label, documentType: documentType.trim() || null });
  };

  return (
    <form className="profile-form" onSubmit={submit} noValidate aria-label={t('profiles.formLabel', { label: profile.label })}>
      <div className="field">
        <label htmlFor={ids.label}>{t('profiles.fields.label')}</label>
        <input
          id={ids.label}
          type="text"
          value={draft.label}
          maxLength={MAX_LABEL}
          onChange={(e) => set('label', e.target.value)}
          aria-invalid={labelMissing || undefined}
          aria-describedby={labelMissing ? ids.labelError : undefined}
          data-focus="form"
        />
        {labelMissing && (
          <p id={ids.labelError} className="field-error">
            {t('profiles.labelMissing')}
          </p>
        )}
      </div>
      <div className="form-grid">
        <Select
          id={ids.resolution}
          label={t('profiles.fields.resolution')}
          value={String(draft.resolution)}
          onChange={(v) => set('resolution', Number(v) as ScanProfileDto['resolution'])}
        >
          {RESOLUTIONS.map((r) => (
            <option key={r} value={r}>
              {t('profiles.values.ppi', { dpi: r })}
            </option>
          ))}
        </Select>
        <Select
          id={ids.colour}
          label={t('profiles.fields.colour')}
          value={draft.colour}
          onChange={(v) => set('colour', v as ScanProfileDto['colour'])}
        >
          {COLOURS.map((c) => (
            <option key={c} value={c}>
              {t(`profiles.values.colour.${c}`)}
            </option>
          ))}
        </Select>
        <Select
          id={ids.source}
          label={t('profiles.fields.source')}
          value={draft.source}
          onChange={(v) => set('source', v as ScanProfileDto['source'])}
        >
          {SOURCES.map((s) => (
            <option key={s} value={s}>
              {t(`profiles.values.source.${s}`)}
            </option>
          ))}
        </Select>
        <Select
          id={ids.blank}
          label={t('profiles.fields.blankPages')}
          value={draft.blankPages}
          onChange={(v) => set('blankPages', v as ScanProfileDto['blankPages'])}
        >
          {BLANKS.map((b) => (
            <option key={b} value={b}>
              {t(`profiles.values.blankPages.${b}`)}
            </option>
          ))}
        </Select>
        <Select
          id={ids.image}
          label={t('profiles.fields.imageMode')}
          value={draft.imageMode}
          onChange={(v) => set('imageMode', v as ScanProfileDto['imageMode'])}
        >
          {IMAGE_MODES.map((m) => (
            <option key={m} value={m}>
              {t(`profiles.values.imageMode.${m}`)}
            </option>
          ))}
        </Select>
        <div className="field">
          <label htmlFor={ids.type}>{t('profiles.fields.documentType')}</label>
          <input
            id={ids.type}
            type="text"
            value={documentType}
            maxLength={MAX_DOCUMENT_TYPE}
            onChange={(e) => setDocumentType(e.target.value)}
          />
        </div>
      </div>
      <div className="checks">
        <Check id={ids.duplex} label={t('profiles.checks.duplex')} checked={draft.duplex} onChange={(v) => set('duplex', v)} />
        <Check
          id={ids.sep}
          label={t('profiles.checks.separatorSheets')}
          checked={draft.separatorSheets}
          onChange={(v) => set('separatorSheets', v)}
        />
        <Check id={ids.patch} label={t('profiles.checks.patchT')} checked={draft.patchT} onChange={(v) => set('patchT', v)} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          {busy ? t('profiles.saving') : t('profiles.save')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('profiles.cancel')}
        </button>
      </div>
    </form>
  );
}

function Select({
  id,
  label,
  value,
  onChange,
  children,
}: {
  id: string;
  label: string;
  value: string;
  onChange(v: string): void;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
    </div>
  );
}

function Check({ id, label, checked, onChange }: { id: string; label: string; checked: boolean; onChange(v: boolean): void }) {
  return (
    <div className="check">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
