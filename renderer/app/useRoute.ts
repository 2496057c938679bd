// The current hash route, and whether we got here by navigating (then the new page takes the focus).
import { useEffect, useState } from 'react';
import { parseRoute, routeHref, type Route } from './route';

export function useRoute(): { route: Route; navigated: boolean } {
  const [state, setState] = useState(() => ({ route: parseRoute(location.hash), navigated: false }));
  useEffect(() => {
    const on = () => setState({ route: parseRoute(location.hash), navigated: true });
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return state;
}

export function navigate(route: Route): void {
  const href = routeHref(route);
  if (location.hash !== href) location.hash = href;
}
