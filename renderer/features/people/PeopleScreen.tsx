// The administrator's list of people: who may sign in with which roles and zaaksysteem id; add, change, block and
// unblock, and set a new PIN for someone who forgot theirs.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLE_LABELS, type Person, type WireError } from '../../../src/contract';
import { useAnnounce } from '../../app/announcer';
import { useApi, useCommand } from '../../app/api';
import { asLang } from '../../i18n';
import { Badge } from '../../ui/Badge';
import { ErrorNotice } from '../../ui/ErrorMessage';
import { Notice } from '../../ui/Notice';
import { PageHeading } from '../../ui/PageHeading';
import { QueryState } from '../../ui/QueryState';
import { normaliseLogin } from '../auth/rules';
import { PersonForm, PinForm, type PersonDraft } from './PersonForm';

type Panel = { kind: 'edit' | 'pin'; login: string } | null;

const EMPTY: PersonDraft = { login: '', name: '', roles: ['medewerker'], zgwUserId: '', pin: '' };

export function PeopleScreen() {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const api = useApi();
  const announce = useAnnounce();
  const people = useCommand('people.list', {});
  const [panel, setPanel] = useState<Panel>(null);
  const [done, setDone] = useState<string | null>(null);
  const [rowError, setRowError] = useState<WireError | null>(null);
  const [addKey, setAddKey] = useState(0);

  const report = (text: string) => {
    setDone(text);
    announce(text);
    people.reload();
  };
  const openPanel = (p: Panel) => {
    setDone(null);
    setRowError(null);
    setPanel(p);
  };
  /** Closes the panel and gives the focus back to the button that opened it. */
  const closePanel = () => {
    const was = panel;
    setPanel(null);
    if (was)
      requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-person="${was.login}"] [data-action="${was.kind}"]`)?.focus());
  };

  const toggleBlocked = async (p: Person) => {
    setDone(null);
    setRowError(null);
    const r = await api.call('people.update', { login: p.login, disabled: !p.disabled });
    if (!r.ok) return setRowError(r.error);
    report(t(p.disabled ? 'people.unblocked' : 'people.blocked', { name: p.name }));
  };

  const list = people.data ?? [];
  const current = panel ? list.find((p) => p.login === panel.login) : undefined;
  return (
    <>
      <PageHeading title={t('people.title')}>{t('people.title')}</PageHeading>
      <p>{t('people.intro')}</p>
      <QueryState loading={people.loading} error={people.error} reload={people.reload} hasData={!!people.data} />
      {done && (
        <Notice tone="success" role="status">
          <p>{done}</p>
        </Notice>
      )}
      <ErrorNotice error={rowError} />
      {people.data && (
        <div className="table-wrap">
          <table className="people-table">
            <caption>{t('people.caption', { count: list.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('auth.login')}</th>
                <th scope="col">{t('auth.name')}</th>
                <th scope="col">{t('people.roles')}</th>
                <th scope="col">{t('people.colZgw')}</th>
                <th scope="col">{t('people.colState')}</th>
                <th scope="col">{t('people.colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((p) => (
                <tr key={p.login} data-person={p.login}>
                  <th scope="row" className="mono">
                    {p.login}
                  </th>
                  <td>{p.name}</td>
                  <td>{p.roles.map((r) => ROLE_LABELS[r][lang]).join(', ')}</td>
                  <td className="mono">{p.zgwUserId ?? t('app.none')}</td>
                  <td>
                    {p.disabled ? (
                      <Badge tone="danger">{t('people.stateBlocked')}</Badge>
                    ) : (
                      <Badge tone="success">{t('people.stateActive')}</Badge>
                    )}
                  </td>
                  <td>
                    <div className="row-actions">
                      <button
                        type="button"
                        className="button small secondary"
                        data-action="edit"
                        aria-label={t('people.editFor', { name: p.name })}
                        onClick={() => openPanel({ kind: 'edit', login: p.login })}
                      >
                        {t('people.edit')}
                      </button>
                      <button
                        type="button"
                        className="button small secondary"
                        data-action="block"
                        aria-label={t(p.disabled ? 'people.unblockFor' : 'people.blockFor', { name: p.name })}
                        onClick={() => void toggleBlocked(p)}
                      >
                        {t(p.disabled ? 'people.unblock' : 'people.block')}
                      </button>
                      <button
                        type="button"
                        className="button small secondary"
                        data-action="pin"
                        aria-label={t('people.pinFor', { name: p.name })}
                        onClick={() => openPanel({ kind: 'pin', login: p.login })}
                      >
                        {t('people.pinButton')}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {panel && current && (
        <PanelSection
          key={`${panel.kind}/${panel.login}`}
          title={t(panel.kind === 'edit' ? 'people.editTitle' : 'people.pinTitle', { name: current.name })}
        >
          {panel.kind === 'edit' ? (
            <PersonForm
              mode="edit"
              initial={{ login: current.login, name: current.name, roles: current.roles, zgwUserId: current.zgwUserId ?? '', pin: '' }}
              submitLabel={t('people.save')}
              onCancel={closePanel}
              onSubmit={async (d) => {
                const zgw = d.zgwUserId.trim() || null;
                const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
                const r = await api.call('people.update', {
                  login: current.login,
                  ...(d.name.trim() !== current.name ? { name: d.name.trim() } : {}),
                  ...(!same(d.roles, current.roles) ? { roles: d.roles } : {}),
                  ...(zgw !== current.zgwUserId ? { zgwUserId: zgw } : {}),
                });
                if (!r.ok) return r.error;
                closePanel();
                report(t('people.saved', { name: r.data.name }));
                return null;
              }}
            />
          ) : (
            <PinForm
              onCancel={closePanel}
              onSubmit={async (pin) => {
                const r = await api.call('people.setPin', { login: current.login, pin });
                if (!r.ok) return r.error;
                closePanel();
                report(t('people.pinSet', { name: current.name }));
                return null;
              }}
            />
          )}
        </PanelSection>
      )}
      <h2>{t('people.addTitle')}</h2>
      <PersonForm
        key={addKey}
        mode="add"
        initial={EMPTY}
        submitLabel={t('people.add')}
        onSubmit={async (d) => {
          const r = await api.call('people.add', {
            login: normaliseLogin(d.login),
            name: d.name.trim(),
            roles: d.roles,
            zgwUserId: d.zgwUserId.trim() || null,
            pin: d.pin,
          });
          if (!r.ok) return r.error;
          setAddKey((k) => k + 1);
          report(t('people.added', { name: r.data.name, login: r.data.login }));
          return null;
        }}
      />
    </>
  );
}

/** The open change or PIN form, under a heading that takes the focus when it opens. */
function PanelSection({ title, children }: { title: string; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section className="person-panel" aria-labelledby="person-panel-title">
      <h2 id="person-panel-title" ref={ref} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}
