// The four roles of the people who use Postkamer, by their Dutch names, and how each is shown.
/** The roles, by their Dutch names as the municipality uses them. */
export const ROLES = ['medewerker', 'archivaris', 'teamleider', 'beheerder'] as const;
export type Role = (typeof ROLES)[number];

/** How each role is shown, in Dutch and in English. */
export const ROLE_LABELS: Record<Role, { nl: string; en: string }> = {
  medewerker: { nl: 'Medewerker postverwerking', en: 'Mail room clerk' },
  archivaris: { nl: 'Archivaris', en: 'Archivist' },
  teamleider: { nl: 'Teamleider', en: 'Supervisor' },
  beheerder: { nl: 'Beheerder', en: 'Administrator' },
};
