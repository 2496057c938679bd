// The audit screen's words: an action's label from the contract, and the known objects, results and origins.
import { auditActionLabel } from '../../../src/contract/audit-actions';
import { ROLE_LABELS, type Role } from '../../../src/contract/role-names';
import type { Lang } from '../../i18n';

/**
 * Translates a known audit term; unknown ones (added by newer parts of the core) are shown as they are.
 * Keys use "_" for the "." in codes, because "." separates i18n key levels.
 */
export function term(
  t: (k: string, o?: { defaultValue: string }) => string,
  group: 'actions' | 'objects' | 'results' | 'origins',
  value: string,
): string {
  return t(`audit.${group}.${value.replace(/\./g, '_')}`, { defaultValue: value });
}

/** An action code's label in the UI's language (the table in src/contract/audit-actions.ts). */
export const actionLabel = (code: string, lang: Lang): string => auditActionLabel(code, lang);

/** A role's name in the UI's language; an unknown one as it is. */
export function roleLabel(role: string, lang: Lang): string {
  return Object.prototype.hasOwnProperty.call(ROLE_LABELS, role) ? ROLE_LABELS[role as Role][lang] : role;
}
