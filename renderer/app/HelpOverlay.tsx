// The shortcuts help: `?` (outside a text field) or the header's button opens a modal dialog listing the keys; Escape
// closes it and the focus returns where it was.
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { takesText } from '../features/document/next-model';

const KEYS: { keys: string[]; what: string }[] = [
  { keys: ['Ctrl', 'Enter'], what: 'done' },
  { keys: ['B'], what: 'confirm' },
  { keys: ['O'], what: 'undo' },
  { keys: ['↑', '↓'], what: 'arrows' },
  { keys: ['Enter'], what: 'enter' },
  { keys: ['Tab'], what: 'tab' },
  { keys: ['?'], what: 'help' },
  { keys: ['Esc'], what: 'escape' },
];

export function HelpOverlay() {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const back = useRef<HTMLElement | null>(null);

  const open = () => {
    const d = dialog.current;
    if (!d || d.open) return;
    back.current = document.activeElement as HTMLElement | null;
    // showModal: the rest of the page is inert (the focus stays in the dialog) and Escape closes it.
    d.showModal();
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey) return;
      if (takesText(e.target as HTMLInputElement | null)) return;
      e.preventDefault();
      open();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      <button type="button" className="header-button" aria-keyshortcuts="?" onClick={open}>
        {t('filing.helpOpen')}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="help-dialog"
        data-testid="help-dialog"
        onClose={() => back.current?.focus()}
      >
        <h2 id={titleId}>{t('filing.helpTitle')}</h2>
        <dl className="shortcut-list">
          {KEYS.map((k) => (
            <div key={k.what} className="shortcut">
              <dt>
                {k.keys.map((key, i) => (
                  <span key={key}>
                    {i > 0 && ' + '}
                    <kbd>{key}</kbd>
                  </span>
                ))}
              </dt>
              <dd>{t(`filing.helpKeys.${k.what}`)}</dd>
            </div>
          ))}
        </dl>
        <form method="dialog">
          <button type="submit" className="button" autoFocus>
            {t('filing.helpClose')}
          </button>
        </form>
      </dialog>
    </>
  );
}
