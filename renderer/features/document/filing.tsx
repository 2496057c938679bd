// The steps "Gereed" runs, registered by the panels that own them: save the fields, then link the document.
import { createContext, useContext, useEffect, useRef, type MutableRefObject, type ReactNode } from 'react';

/** Each step resolves true when the flow may go on; false when it stopped and has told the clerk why. */
export interface FilingSteps {
  saveFields?: () => Promise<boolean>;
  /** Absent while no form can link the document (e.g. the new-zaak form is not complete). */
  link?: () => Promise<boolean>;
}

const FilingContext = createContext<MutableRefObject<FilingSteps> | null>(null);

export function FilingProvider({ steps, children }: { steps: MutableRefObject<FilingSteps>; children: ReactNode }) {
  return <FilingContext.Provider value={steps}>{children}</FilingContext.Provider>;
}

/**
 * Registers `fn` as the step `name` while the component is mounted (null: registers nothing). The latest `fn` is
 * always the one called, so it may close over the component's current state.
 */
export function useFilingStep(name: keyof FilingSteps, fn: (() => Promise<boolean>) | null): void {
  const steps = useContext(FilingContext);
  const latest = useRef(fn);
  useEffect(() => {
    latest.current = fn;
  });
  const active = fn !== null;
  useEffect(() => {
    if (!steps || !active) return;
    const registry = steps.current;
    const step = () => latest.current?.() ?? Promise.resolve(false);
    registry[name] = step;
    return () => {
      if (registry[name] === step) delete registry[name];
    };
  }, [steps, name, active]);
}
