// Each screen's <h1>.
import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';

// After a navigation it takes the focus, so a screen reader user hears where they landed and Tab continues from
// the new page rather than from the old link.

export const FocusOnMountContext = createContext(false);

export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  const focus = useContext(FocusOnMountContext);
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — Postkamer`;
  }, [title]);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
