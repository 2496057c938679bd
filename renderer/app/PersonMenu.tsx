// The signed-in person in the header: their name and roles, and locking, switching to someone else, signing out.
import { useTranslation } from 'react-i18next';
import { ROLE_LABELS, type Person } from '../../src/contract';
import { asLang } from '../i18n';
import { useSession } from './session';

export function PersonMenu({ person }: { person: Person }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const lang = asLang(i18n.language);
  const roles = person.roles.map((r) => ROLE_LABELS[r][lang]).join(', ');
  return (
    <div className="person-menu" role="group" aria-label={t('auth.personGroup', { name: person.name })}>
      <p className="person-who" data-testid="signed-in-as" data-login={person.login}>
        <span className="person-name">{person.name}</span>
        <span className="person-roles">{roles}</span>
      </p>
      <button type="button" className="header-button" data-testid="header-lock" onClick={() => void session.lock()}>
        {t('auth.lock')}
      </button>
      <button type="button" className="header-button" data-testid="header-switch" onClick={() => void session.switchUser()}>
        {t('auth.otherUser')}
      </button>
      <button type="button" className="header-button" data-testid="sign-out" onClick={() => void session.signOut()}>
        {t('auth.signOut')}
      </button>
    </div>
  );
}
