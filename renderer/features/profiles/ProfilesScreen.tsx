// The scan profiles screen.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanProfileDto, WireError } from '../../../src/contract';
import { useApi, useCommand } from '../../app/api';
import { useAnnounce } from '../../app/announcer';
import { routeHref } from '../../app/route';
import { Badge } from '../../ui/Badge';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Notice } from '../../ui/Notice';
import { PageHeading } from '../../ui/PageHeading';
import { QueryState } from '../../ui/QueryState';
import { ALL_FACTS, profileFacts } from './facts';
import { ProfileForm } from './ProfileForm';

/**
 * A clerk may change an unlocked one; a locked one belongs to the replacement decision (vervangingsbesluit)
 * and is read-only here. The core decides: when it refuses a save (the administrator locked
 * the profile meanwhile, or a value is out of bounds) its Dutch reason is shown.
 */
export function ProfilesScreen() {
  const { t } = useTranslation();
  const api = useApi();
  const announce = useAnnounce();
  const list = useCommand('profiles.list', {});
  const [profiles, setProfiles] = useState<ScanProfileDto[] | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<{ name: string; error: WireError } | null>(null);
  const [busy, setBusy] = useState(false);
  const focusAfter = useRef<{ name: string; what: 'edit' | 'error' | 'form' } | null>(null);

  useEffect(() => {
    if (list.data) setProfiles(list.data);
  }, [list.data]);

  // Focus moves once its target is rendered (the state that asks for it may be committed a render later).
  useEffect(() => {
    const f = focusAfter.current;
    if (!f) return;
    const el = document.querySelector<HTMLElement>(`[data-profile="${f.name}"] [data-focus="${f.what}"]`);
    if (!el) return;
    focusAfter.current = null;
    el.focus();
  });

  const save = async (p: ScanProfileDto) => {
    setBusy(true);
    const r = await api.call('profiles.save', { profile: p });
    setBusy(false);
    if (r.ok) {
      setProfiles(r.data);
      setEditing(null);
      setRefusal(null);
      focusAfter.current = { name: p.name, what: 'edit' };
      announce(t('profiles.saved', { label: p.label }));
      return;
    }
    setRefusal({ name: p.name, error: r.error });
    focusAfter.current = { name: p.name, what: 'error' };
    // The profile may have been locked meanwhile: show what is true now.
    if (r.error.code === 'forbidden') list.reload();
  };

  const shown = profiles ?? [];
  return (
    <>
      <p>
        <a href={routeHref({ name: 'scan' })}>
          <span aria-hidden="true">← </span>
          {t('profiles.back')}
        </a>
      </p>
      <PageHeading title={t('profiles.title')}>{t('profiles.title')}</PageHeading>
      <p className="muted">{t('profiles.intro')}</p>
      <QueryState loading={list.loading} error={list.error} reload={list.reload} hasData={!!profiles} />
      <ul className="profile-list">
        {shown.map((p) => (
          <li key={p.name} data-profile={p.name}>
            <ProfileCard
              profile={p}
              editing={editing === p.name && !p.locked}
              busy={busy}
              refusal={refusal?.name === p.name ? refusal.error : null}
              onEdit={() => {
                setEditing(p.name);
                setRefusal(null);
                focusAfter.current = { name: p.name, what: 'form' };
              }}
              onCancel={() => {
                setEditing(null);
                setRefusal(null);
                focusAfter.current = { name: p.name, what: 'edit' };
              }}
              onSave={save}
            />
          </li>
        ))}
      </ul>
    </>
  );
}

interface CardProps {
  profile: ScanProfileDto;
  editing: boolean;
  busy: boolean;
  refusal: WireError | null;
  onEdit(): void;
  onCancel(): void;
  onSave(p: ScanProfileDto): void;
}

function ProfileCard({ profile: p, editing, busy, refusal, onEdit, onCancel, onSave }: CardProps) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="profile-card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {p.label} {p.locked && <Badge tone="neutral">{t('profiles.locked')}</Badge>}
      </h2>
      <p className="muted file-name">{p.name}</p>
      {refusal && (
        <Notice tone="error" role="alert">
          <p tabIndex={-1} data-focus="error" data-testid="profile-error">
            <ErrorMessage error={refusal} />
          </p>
        </Notice>
      )}
      {editing ? (
        <ProfileForm profile={p} busy={busy} onSave={onSave} onCancel={onCancel} />
      ) : (
        <>
          <dl className="fields">
            {profileFacts(t, p, ALL_FACTS).map((f) => (
              <div key={f.key} style={{ display: 'contents' }}>
                <dt>{f.label}</dt>
                <dd>{f.value}</dd>
              </div>
            ))}
          </dl>
          {p.locked ? (
            <p className="locked-note">{t('profiles.lockedNote')}</p>
          ) : (
            <p>
              <button type="button" className="button secondary" onClick={onEdit} data-focus="edit">
                {t('profiles.edit')}
                <span className="sr-only"> {p.label}</span>
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}
