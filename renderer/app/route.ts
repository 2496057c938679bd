// Hash routes: they work the same under Electron's custom protocol and the web harness, with no server rewrites.
import { ClassificationState, DocumentStage } from '../../src/contract';

export type Route =
  | { name: 'inbox'; batch?: string; stage?: DocumentStage }
  | { name: 'document'; id: string }
  | { name: 'scan' }
  | { name: 'profiles' }
  | { name: 'search'; query: string }
  | { name: 'rejections' }
  | { name: 'audit' }
  | { name: 'status' }
  | { name: 'desk' }
  | { name: 'archive'; id?: string; state?: ClassificationState }
  | { name: 'delivery' }
  | { name: 'people' }
  | { name: 'settings' }
  | { name: 'batches'; id?: string }
  | { name: 'qc'; batchId: string }
  | { name: 'not-found' };

export type NavName =
  'inbox' | 'scan' | 'search' | 'rejections' | 'delivery' | 'batches' | 'archive' | 'desk' | 'audit' | 'status' | 'people' | 'settings';
export const NAV: readonly NavName[] = [
  'inbox',
  'scan',
  'search',
  'rejections',
  'delivery',
  'batches',
  'archive',
  'desk',
  'audit',
  'status',
  'people',
  'settings',
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEGMENT: Record<NavName | 'profiles' | 'qc', string> = {
  inbox: 'inbox',
  scan: 'scannen',
  profiles: 'profielen',
  search: 'zoeken',
  rejections: 'geweigerd',
  delivery: 'verzending',
  batches: 'batches',
  archive: 'archief',
  desk: 'overzicht',
  audit: 'audit',
  status: 'status',
  people: 'gebruikers',
  settings: 'instellingen',
  qc: 'qc',
};
const PLAIN = ['scan', 'profiles', 'rejections', 'delivery', 'desk', 'audit', 'status', 'people', 'settings'] as const;

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart, queryPart = ''] = raw.split('?', 2);
  const segs = pathPart.split('/').filter(Boolean);
  if (segs.length === 0) return { name: 'inbox' };
  const [head, arg] = segs;
  if (head === 'document' && segs.length === 2 && UUID.test(arg)) return { name: 'document', id: arg.toLowerCase() };
  // The archivist's workspace, with one document open beside the queue.
  if (head === SEGMENT.archive && segs.length === 2 && UUID.test(arg)) return { name: 'archive', id: arg.toLowerCase() };
  if (head === SEGMENT.archive && segs.length === 1) {
    // A classification state to filter on (a link from the desk); anything else is ignored.
    const state = ClassificationState.safeParse(new URLSearchParams(queryPart).get('staat'));
    return state.success ? { name: 'archive', state: state.data } : { name: 'archive' };
  }
  // The scan batches with their dossiers, one batch's dossier, and its quality control (vervangende digitalisering).
  if (head === SEGMENT.batches && segs.length === 1) return { name: 'batches' };
  if (head === SEGMENT.batches && segs.length === 2 && UUID.test(arg)) return { name: 'batches', id: arg.toLowerCase() };
  if (head === SEGMENT.qc && segs.length === 2 && UUID.test(arg)) return { name: 'qc', batchId: arg.toLowerCase() };
  if (segs.length !== 1) return { name: 'not-found' };
  if (head === SEGMENT.search) return { name: 'search', query: new URLSearchParams(queryPart).get('q') ?? '' };
  if (head === SEGMENT.inbox) {
    // A batch to show (a link from the scan screen) and a stage to filter on (a link from the desk); anything but a
    // UUID or a known stage is ignored rather than refused.
    const params = new URLSearchParams(queryPart);
    const batch = params.get('batch');
    const stage = DocumentStage.safeParse(params.get('stage'));
    return {
      name: 'inbox',
      ...(batch && UUID.test(batch) ? { batch: batch.toLowerCase() } : {}),
      ...(stage.success ? { stage: stage.data } : {}),
    };
  }
  for (const n of PLAIN) if (SEGMENT[n] === head) return { name: n };
  return { name: 'not-found' };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'document':
      return `#/document/${route.id}`;
    case 'search':
      return route.query ? `#/${SEGMENT.search}?${new URLSearchParams({ q: route.query })}` : `#/${SEGMENT.search}`;
    case 'inbox': {
      const q = new URLSearchParams({ ...(route.batch ? { batch: route.batch } : {}), ...(route.stage ? { stage: route.stage } : {}) });
      return q.toString() ? `#/${SEGMENT.inbox}?${q}` : `#/${SEGMENT.inbox}`;
    }
    case 'archive':
      if (route.id) return `#/${SEGMENT.archive}/${route.id}`;
      return route.state ? `#/${SEGMENT.archive}?${new URLSearchParams({ staat: route.state })}` : `#/${SEGMENT.archive}`;
    case 'batches':
      return route.id ? `#/${SEGMENT.batches}/${route.id}` : `#/${SEGMENT.batches}`;
    case 'qc':
      return `#/${SEGMENT.qc}/${route.batchId}`;
    case 'not-found':
      return '#/';
    default:
      return `#/${SEGMENT[route.name]}`;
  }
}

/** Which navigation entry a route belongs to (a document belongs to the inbox, the profiles to scanning). */
export function navOf(route: Route): NavName | null {
  if (route.name === 'document') return 'inbox';
  if (route.name === 'profiles') return 'scan';
  if (route.name === 'qc') return 'batches';
  if (route.name === 'not-found') return null;
  return route.name;
}
