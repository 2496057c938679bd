// The checklist of the five reasons a page can be wrong: always in view, as radio buttons that become choosable when
// the checker says "fout" (F). Then 1–5 record that reason at once; the arrow keys move and Enter records; Escape
// cancels and gives the focus back.
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { QcReason } from '../../../src/contract';
import { REASONS, reasonKeyOf } from './qc-model';

export function ReasonChooser({
  open,
  chosen,
  onChoose,
  onRecord,
  onCancel,
  busy,
}: {
  open: boolean;
  /** Index into REASONS of the reason chosen now. */
  chosen: number;
  onChoose: (index: number) => void;
  onRecord: (reason: QcReason) => void;
  onCancel: () => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const name = useId();
  const hintId = useId();
  const radios = useRef<(HTMLInputElement | null)[]>([]);

  // Opening puts the focus on the chosen reason, so that the arrow keys and Enter work at once.
  useEffect(() => {
    if (open) radios.current[chosen]?.focus();
  }, [open, chosen]);

  const onKeyDown = (e: KeyboardEvent<HTMLFieldSetElement>) => {
    if (!open) return;
    // A button in the group answers Enter and Space itself.
    if ((e.target as HTMLElement).tagName === 'BUTTON' && (e.key === 'Enter' || e.key === ' ')) return;
    const a = reasonKeyOf(e, chosen);
    if (!a) return;
    e.preventDefault();
    e.stopPropagation();
    if (a.kind === 'choose') {
      onChoose(REASONS.indexOf(a.reason));
      onRecord(a.reason);
    } else if (a.kind === 'move') onChoose(a.index);
    else if (a.kind === 'confirm') onRecord(REASONS[chosen]!);
    else onCancel();
  };

  return (
    <fieldset className="qc-checklist" data-testid="qc-checklist" data-open={open} onKeyDown={onKeyDown} aria-describedby={hintId}>
      <legend>{t('qcCheck.checklist')}</legend>
      <p id={hintId} className="muted qc-hint">
        {open ? t('qcCheck.checklistOpen') : t('qcCheck.checklistHint')}
      </p>
      <ol className="qc-reasons">
        {REASONS.map((r, i) => (
          <li key={r}>
            <label>
              <input
                ref={(el) => {
                  radios.current[i] = el;
                }}
                type="radio"
                name={name}
                value={r}
                checked={open && i === chosen}
                disabled={!open}
                onChange={() => onChoose(i)}
                aria-keyshortcuts={String(i + 1)}
              />
              <kbd aria-hidden="true">{i + 1}</kbd> {t(`qcCheck.reason.${r}`)}
            </label>
          </li>
        ))}
      </ol>
      {open && (
        <div className="qc-actions">
          <button type="button" className="button danger" disabled={busy} onClick={() => onRecord(REASONS[chosen]!)}>
            {t('qcCheck.confirmFault')}
          </button>
          <button type="button" className="button secondary" onClick={onCancel} aria-keyshortcuts="Escape">
            {t('qcCheck.cancel')}
          </button>
        </div>
      )}
    </fieldset>
  );
}
