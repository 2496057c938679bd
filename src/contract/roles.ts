// Who may call which command: the four roles of the people who use Postkamer, and for every command of the contract
// the roles that may call it. The table is complete by construction: a command without a row, or a row for a command
// the contract does not have, fails the type check (`satisfies Record<CommandName, …>`).
import type { CommandName } from './commands';

import { ROLES, type Role } from './role-names';

export { ROLES, ROLE_LABELS, type Role } from './role-names';

/**
 * `before-sign-in`: answered before anyone has signed in (the shell's lock state). A list: the roles that may call it.
 * Finer rules inside a command (a limit in settings.set is the administrator's, a search for a BSN needs the right to
 * reveal one) are checked by its handler.
 */
export type Permission = 'before-sign-in' | readonly Role[];

const EVERYONE = ROLES;
const CLERK = ['medewerker'] as const;
const ADMIN = ['beheerder'] as const;

export const commandRoles = {
  // The shell and the state of the workstation.
  'shell.state': 'before-sign-in',
  'shell.unlock': 'before-sign-in',
  'app.status': EVERYONE,
  'settings.get': EVERYONE,
  'settings.set': EVERYONE, // a person's own preferences (locale); the limits only beheerder (handler)

  // Reading the post: every role sees the list, a document and its masked text.
  'batches.list': EVERYONE,
  'documents.list': EVERYONE,
  'documents.stageCounts': EVERYONE,
  'documents.get': EVERYONE,
  'documents.resolve': EVERYONE,
  'documents.text': EVERYONE,
  'documents.search': EVERYONE, // a query that is a BSN: archivaris or teamleider (handler)
  'documents.pages': EVERYONE,
  'rejections.list': EVERYONE,
  'documents.export': ['archivaris', 'teamleider'],

  // The clerk's work: bringing post in, correcting the split, linking and delivering.
  'upload.begin': CLERK,
  'upload.chunk': CLERK,
  'upload.commit': CLERK,
  'upload.abort': CLERK,
  'ingest.paths': CLERK,
  'scanners.list': ['medewerker', 'beheerder'],
  'scanners.scan': CLERK,
  'scanners.cancel': CLERK,
  'documents.split': CLERK,
  'documents.merge': CLERK,
  'documents.movePage': CLERK,
  'documents.rotatePage': CLERK,
  'documents.deletePage': CLERK,
  'documents.restorePage': CLERK,
  'documents.edit': ['medewerker', 'archivaris'], // the classification of a delivered document: documents.classify
  'documents.classify': ['archivaris'],
  // The archivist's workspace: the review queue and bulk classification; supervisors read it too.
  'classification.queue': ['archivaris', 'teamleider'],
  'classification.get': EVERYONE,
  'classification.bulk': ['archivaris'],
  'classification.undo': ['archivaris'],
  'documents.confirmSplit': CLERK,
  'documents.undoSplit': CLERK,
  'sync.link': ['medewerker', 'archivaris'],
  'sync.newZaak': CLERK,
  'sync.relink': ['medewerker', 'archivaris', 'teamleider'],
  'sync.zaken.search': ['medewerker', 'archivaris', 'teamleider'],
  'sync.zaken.suggest': ['medewerker', 'archivaris', 'teamleider'],
  'sync.run': ['medewerker', 'teamleider'],

  // The delivery's state: everyone may see it; a supervisor also retries what is stuck.
  'sync.status': EVERYONE,
  'sync.outbox.list': EVERYONE,
  'sync.outbox.get': EVERYONE,
  'sync.catalogue': EVERYONE,
  'sync.retry': ['medewerker', 'teamleider'],
  'sync.retryMany': ['medewerker', 'teamleider'],
  'sync.handBack': ['teamleider'],
  'sync.refresh': ['medewerker', 'beheerder'],

  // Reading the audit trail: supervisors and the administrator.
  'audit.list': ['teamleider', 'beheerder'],
  'audit.actions': ['teamleider', 'beheerder'],
  'audit.verify': ['teamleider', 'beheerder'],
  'audit.export': ['teamleider', 'beheerder'],
  'report.period': ['teamleider', 'beheerder'],
  'report.summary': ['teamleider', 'beheerder'],

  // The e-depot export (MDTO): the archivist.
  'export.mdto': ['archivaris'],
  'export.mdtoSelection': ['archivaris'],

  // Vervangende digitalisering: a second person (never the one who scanned: checked in the core) checks a sample of
  // each batch; the clerk rescans what was wrong; the destruction of the paper is registered by who checks.
  'batches.get': EVERYONE,
  'qc.start': ['archivaris', 'teamleider'],
  'qc.get': EVERYONE,
  'qc.judge': ['archivaris', 'teamleider'],
  'qc.close': ['archivaris', 'teamleider'],
  'qc.rescanScan': CLERK,
  'qc.rescanFile': CLERK,
  'qc.verklaring': ['archivaris', 'teamleider', 'beheerder'],
  'qc.verklaringRetry': ['medewerker', 'teamleider'],
  'vernietiging.list': ['archivaris', 'teamleider', 'beheerder'],
  'vernietiging.register': ['archivaris', 'teamleider'],
  'vernietiging.export': ['archivaris', 'teamleider', 'beheerder'],

  // Signing in, locking, signing out: before anyone is signed in (the core knows the connection's session).
  'auth.state': 'before-sign-in',
  'auth.setup': 'before-sign-in', // only while the store has no people (handler)
  'auth.signIn': 'before-sign-in',
  'auth.signOut': 'before-sign-in',
  'auth.lock': 'before-sign-in',
  'auth.activity': EVERYONE,
  'auth.changePin': EVERYONE,

  // People and the workstation's data: the administrator.
  'people.list': ADMIN,
  'people.add': ADMIN,
  'people.update': ADMIN,
  'people.setPin': ADMIN,
  'purge.run': ADMIN,

  // Personal data: a BSN is shown in full only to an archivist or a supervisor, with a reason.
  'documents.revealBsn': ['archivaris', 'teamleider'],

  // Configuring the workstation: the administrator (a clerk may adjust an unlocked scan profile).
  'profiles.list': EVERYONE,
  'profiles.save': ['medewerker', 'beheerder'],
  'sync.connection.set': ADMIN,
  'sync.connection.activate': ADMIN,
  'sync.connection.test': ADMIN,
  'sync.settings.set': ADMIN,
} as const satisfies Record<CommandName, Permission>;

/** Whether a person holding `roles` may call `command`. */
export function mayCall(command: CommandName, roles: readonly Role[]): boolean {
  const p: Permission = commandRoles[command];
  return p === 'before-sign-in' || p.some((r) => roles.includes(r));
}
