// One labelled text field of a form, with its limit, its error state and the text that describes it.
import type { ReactNode } from 'react';

export /** One text field of the initiator. Autofill stays off: these are the sender's details, not the clerk's. */
function TextField({
  id,
  label,
  value,
  max,
  onChange,
  invalid,
  describedBy,
  plain,
  inputMode,
  children,
}: {
  id: string;
  label: string;
  value: string;
  max: number;
  onChange: (v: string) => void;
  invalid?: boolean;
  describedBy?: string;
  /** Codes and addresses, not words: no spelling check. */
  plain?: boolean;
  inputMode?: 'email' | 'tel';
  children?: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        autoComplete="off"
        spellCheck={plain ? false : undefined}
        inputMode={inputMode}
        maxLength={max}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
      />
      {children}
    </div>
  );
}
