// The unlock screen: on first run the clerk chooses a passphrase (twice), otherwise enters it.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandOutput, WireError } from '../../../src/contract';
import { useApi } from '../../app/api';
import { asLang } from '../../i18n';
import { errorText } from '../../ui/errorText';
import { Notice } from '../../ui/Notice';
import { PageHeading } from '../../ui/PageHeading';

type ShellState = CommandOutput<'shell.state'>;

export const MIN_PASSPHRASE = 8;

/** Electron main answers shell.unlock. */
export function UnlockScreen({ shell, onUnlocked }: { shell: ShellState; onUnlocked: () => void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const firstRun = shell.reason === 'first-run';
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<{ field: 'passphrase' | 'repeat' | null; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const passId = useId();
  const repeatId = useId();
  const errId = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (passphrase.length < MIN_PASSPHRASE) return setProblem({ field: 'passphrase', text: t('unlock.tooShort') });
    if (firstRun && repeat !== passphrase) return setProblem({ field: 'repeat', text: t('unlock.mismatch') });
    setProblem(null);
    setBusy(true);
    const r = await api.call('shell.unlock', { passphrase, create: firstRun });
    setBusy(false);
    if (!r.ok) return setProblem({ field: null, text: errorText(t, asLang(i18n.language), r.error as WireError) });
    if (r.data.locked) return setProblem({ field: null, text: errorText(t, asLang(i18n.language), { code: 'wrong-passphrase' }) });
    setPassphrase('');
    setRepeat('');
    onUnlocked();
  };

  const intro = firstRun
    ? t('unlock.introFirstRun')
    : shell.reason === 'keychain-failed'
      ? t('unlock.introKeychainFailed')
      : t('unlock.introNoKeychain');
  return (
    <div className="unlock">
      <PageHeading title={firstRun ? t('unlock.titleFirstRun') : t('unlock.titleLocked')}>
        {firstRun ? t('unlock.titleFirstRun') : t('unlock.titleLocked')}
      </PageHeading>
      <p>{intro}</p>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={passId}>{t('unlock.passphrase')}</label>
          <input
            id={passId}
            type="password"
            autoComplete={firstRun ? 'new-password' : 'current-password'}
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            aria-invalid={problem?.field === 'passphrase' || undefined}
            aria-describedby={problem ? errId : undefined}
            required
            minLength={MIN_PASSPHRASE}
            autoFocus
          />
        </div>
        {firstRun && (
          <div className="field">
            <label htmlFor={repeatId}>{t('unlock.repeat')}</label>
            <input
              id={repeatId}
              type="password"
              autoComplete="new-password"
              value={repeat}
              onChange={(e) => setRepeat(e.target.value)}
              aria-invalid={problem?.field === 'repeat' || undefined}
              aria-describedby={problem ? errId : undefined}
              required
            />
          </div>
        )}
        {problem && (
          <Notice tone="error" role="alert">
            <p id={errId}>{problem.text}</p>
          </Notice>
        )}
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('unlock.busy') : firstRun ? t('unlock.submitCreate') : t('unlock.submitUnlock')}
        </button>
      </form>
    </div>
  );
}
