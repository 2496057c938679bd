// What a signed-in person's roles let them open: each screen by the command it cannot work without (the core is the
// guard; this only keeps out of sight what would be refused).
import { mayCall, type CommandName, type Role } from '../../src/contract';
import type { Route } from './route';

/** The command each screen needs; null: a screen every signed-in person may see. */
export const SCREEN_COMMAND: Record<Route['name'], CommandName | null> = {
  inbox: 'documents.list',
  document: 'documents.get',
  scan: 'scanners.list',
  profiles: 'profiles.list',
  search: 'documents.search',
  rejections: 'rejections.list',
  delivery: 'sync.outbox.list',
  audit: 'audit.list',
  status: 'app.status',
  desk: 'report.summary',
  archive: 'classification.queue',
  people: 'people.list',
  settings: 'settings.get',
  batches: 'batches.list',
  // Judging is the checker's work: the screen is theirs (the dossier shows everyone where the check stands).
  qc: 'qc.judge',
  'not-found': null,
};

/** Whether a person holding `roles` may open the screen named `name`. */
export function mayOpen(name: Route['name'], roles: readonly Role[]): boolean {
  const c = SCREEN_COMMAND[name];
  return c === null || mayCall(c, roles);
}

/** Where a person lands after signing in (every role may read the list of documents). */
export const START_ROUTE: Route = { name: 'inbox' };
