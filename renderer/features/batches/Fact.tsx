// One labelled fact of a dossier (a <dt>/<dd> pair in a wrapping <div>, as a description list allows).
import type { ReactNode } from 'react';

export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
