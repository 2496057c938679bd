// Hash routes: they work the same under Electron's custom protocol and the web harness, with no server rewrites.

export type Route =
  | { name: 'inbox' }
  | { name: 'document'; id: string }
  | { name: 'search'; query: string }
  | { name: 'rejections' }
  | { name: 'audit' }
  | { name: 'status' }
  | { name: 'not-found' };

export type NavName = 'inbox' | 'search' | 'rejections' | 'audit' | 'status';
export const NAV: readonly NavName[] = ['inbox', 'search', 'rejections', 'audit', 'status'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEGMENT: Record<NavName, string> = { inbox: 'inbox', search: 'zoeken', rejections: 'geweigerd', audit: 'audit', status: 'status' };

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart, queryPart = ''] = raw.split('?', 2);
  const segs = pathPart.split('/').filter(Boolean);
  if (segs.length === 0) return { name: 'inbox' };
  const [head, arg] = segs;
  if (head === 'document' && segs.length === 2 && UUID.test(arg)) return { name: 'document', id: arg.toLowerCase() };
  if (segs.length !== 1) return { name: 'not-found' };
  if (head === SEGMENT.search) return { name: 'search', query: new URLSearchParams(queryPart).get('q') ?? '' };
  for (const n of NAV) if (SEGMENT[n] === head) return { name: n } as Route;
  return { name: 'not-found' };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'document':
      return `#/document/${route.id}`;
    case 'search':
      return route.query ? `#/${SEGMENT.search}?${new URLSearchParams({ q: route.query })}` : `#/${SEGMENT.search}`;
    case 'not-found':
      return '#/';
    default:
      return `#/${SEGMENT[route.name]}`;
  }
}

/** Which navigation entry a route belongs to (a document belongs to the inbox). */
export function navOf(route: Route): NavName | null {
  if (route.name === 'document') return 'inbox';
  if (route.name === 'not-found') return null;
  return route.name;
}
