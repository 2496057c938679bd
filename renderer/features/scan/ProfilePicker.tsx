// The scan profiles as a radio group, each with its key settings; a locked one says so.
import { useEffect, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanProfileDto } from '../../../src/contract';
import { useCommand } from '../../app/api';
import { routeHref } from '../../app/route';
import { Badge } from '../../ui/Badge';
import { QueryState } from '../../ui/QueryState';
import { factLine, profileFacts } from '../profiles/facts';

export function ProfilePicker({
  selected,
  onSelect,
  locked,
}: {
  selected: ScanProfileDto | null;
  onSelect: (p: ScanProfileDto) => void;
  locked: boolean;
}) {
  const { t } = useTranslation();
  const list = useCommand('profiles.list', {});
  const profiles = useMemo(() => list.data ?? [], [list.data]);
  const baseId = useId();

  // The first profile until the clerk picks another; keep the chosen one current when the list is re-read.
  useEffect(() => {
    if (profiles.length === 0) return;
    const current = selected && profiles.find((p) => p.name === selected.name);
    if (!current) onSelect(profiles[0]);
    else if (current !== selected && JSON.stringify(current) !== JSON.stringify(selected)) onSelect(current);
  }, [profiles, selected, onSelect]);

  return (
    <fieldset className="choices" disabled={locked}>
      <legend>
        <h2 className="legend-heading">{t('scan.profileHeading')}</h2>
      </legend>
      <QueryState loading={list.loading} error={list.error} reload={list.reload} hasData={!!list.data} />
      <ul className="choice-list">
        {profiles.map((p) => {
          const descId = `${baseId}-${p.name}`;
          return (
            <li key={p.name} className="choice">
              <label>
                <input
                  type="radio"
                  name="profile"
                  value={p.name}
                  checked={selected?.name === p.name}
                  onChange={() => onSelect(p)}
                  aria-describedby={descId}
                />
                <span className="choice-body">
                  <span className="choice-title">
                    {p.label} {p.locked && <Badge tone="neutral">{t('profiles.locked')}</Badge>}
                  </span>
                  <span className="choice-meta" id={descId}>
                    {factLine(profileFacts(t, p))}
                  </span>
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      <p>
        <a href={routeHref({ name: 'profiles' })}>{t('scan.manageProfiles')}</a>
      </p>
    </fieldset>
  );
}
