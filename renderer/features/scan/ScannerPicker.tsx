// The scanners to choose from: those the core finds (eSCL on the network, SANE devices), and those the clerk entered
// by address (remembered in this window).
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scanner } from '../../../src/contract';
import { useCommand } from '../../app/api';
import { useAnnounce } from '../../app/announcer';
import { QueryState } from '../../ui/QueryState';
import {
  loadSavedScanners,
  mergeScanners,
  scannerAddress,
  scannerFromAddress,
  scannerKey,
  scannerLabel,
  storeSavedScanners,
  type ScannerChoice,
} from './address';

const DISCOVER_MS = 1500;
const storage = (): Storage | undefined => (typeof localStorage === 'undefined' ? undefined : localStorage);

/** A radio group: one tab stop, arrows to choose. */
export function ScannerPicker({
  selected,
  onSelect,
  locked,
}: {
  selected: Scanner | null;
  onSelect: (c: ScannerChoice | null) => void;
  locked: boolean;
}) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const found = useCommand('scanners.list', { discoverMs: DISCOVER_MS });
  const [saved, setSaved] = useState<Scanner[]>(() => loadSavedScanners(storage()));
  const choices = useMemo(() => mergeScanners(found.data ?? [], saved), [found.data, saved]);
  const selectedKey = selected ? scannerKey(selected) : null;

  // Choose the first scanner once there is one and nothing is chosen; drop a choice that went away.
  useEffect(() => {
    if (locked) return;
    const current = selectedKey ? choices.find((c) => scannerKey(c.scanner) === selectedKey) : undefined;
    if (current) {
      onSelect(current); // the same device, perhaps found now under its own name
      return;
    }
    if (selectedKey && found.loading) return; // still searching: it may come back
    onSelect(choices[0] ?? null);
  }, [choices, selectedKey, found.loading, locked, onSelect]);

  const add = (s: Scanner) => {
    const next = [...saved.filter((x) => scannerKey(x) !== scannerKey(s)), s];
    setSaved(next);
    storeSavedScanners(storage(), next);
    const choice = choices.find((c) => scannerKey(c.scanner) === scannerKey(s)) ?? { scanner: s, saved: true, found: false };
    onSelect(choice);
    announce(t('scan.added', { name: scannerLabel(t, choice) }));
  };
  const forget = (c: ScannerChoice) => {
    const next = saved.filter((x) => scannerKey(x) !== scannerKey(c.scanner));
    setSaved(next);
    storeSavedScanners(storage(), next);
    announce(t('scan.forgotten', { name: scannerLabel(t, c) }));
  };

  const searching = found.loading;
  return (
    <>
      <fieldset className="choices" disabled={locked}>
        <legend>
          <h2 className="legend-heading">{t('scan.scannersHeading')}</h2>
        </legend>
        <p role="status" className="muted" data-testid="scanner-search">
          {searching
            ? t('scan.searching')
            : found.error
              ? ''
              : (found.data?.length ?? 0) > 0
                ? t('scan.found', { count: found.data!.length })
                : t('scan.noneFound')}
        </p>
        <QueryState loading={false} error={found.error} reload={found.reload} hasData={false} />
        {choices.length > 0 && (
          <ul className="choice-list">
            {choices.map((choice) => {
              const { scanner, saved: isSaved } = choice;
              const key = scannerKey(scanner);
              const label = scannerLabel(t, choice);
              return (
                <li key={key} className="choice">
                  <label>
                    <input type="radio" name="scanner" value={key} checked={key === selectedKey} onChange={() => onSelect(choice)} />
                    <span className="choice-body">
                      <span className="choice-title">{label}</span>
                      <span className="choice-meta">
                        {t(`scan.kind.${scanner.kind}`)} · <span className="file-name">{scannerAddress(scanner)}</span>
                        {isSaved && <> · {t('scan.manual')}</>}
                      </span>
                    </span>
                  </label>
                  {isSaved && (
                    <button type="button" className="button secondary small" onClick={() => forget(choice)}>
                      {t('scan.forget')}
                      <span className="sr-only"> {label}</span>
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        <button type="button" className="button secondary" onClick={found.reload} disabled={searching}>
          {t('scan.searchAgain')}
        </button>
      </fieldset>
      <AddScanner onAdd={add} disabled={locked} />
    </>
  );
}

function AddScanner({ onAdd, disabled }: { onAdd: (s: Scanner) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const inputId = useId();
  const errorId = useId();
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const s = scannerFromAddress(text);
    if (!s) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setText('');
    onAdd(s);
  };
  return (
    <form className="add-scanner" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={inputId}>{t('scan.addressLabel')}</label>
        <div className="inline-field">
          <input
            id={inputId}
            type="text"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            value={text}
            maxLength={300}
            disabled={disabled}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? errorId : undefined}
          />
          <button type="submit" className="button secondary" disabled={disabled}>
            {t('scan.add')}
          </button>
        </div>
        {invalid && (
          <p id={errorId} className="field-error" role="alert">
            {t('scan.addressInvalid')}
          </p>
        )}
      </div>
    </form>
  );
}
