// The state of the documenttype/vertrouwelijkheid choice while linking, preselected from the document, the zaaktype's
// only type, or the clerk's last choice for that zaaktype (kept in this browser's localStorage).
import { useEffect, useMemo, useState } from 'react';
import type { CommandInput, FieldValue } from '../../../src/contract';
import {
  preselectType,
  rememberedType,
  rememberType,
  typeOptions,
  typeVertrouwelijkheid,
  type KeyValueStore,
  type TypeOption,
} from './classify-model';
import type { CatalogueData } from './new-zaak-rules';

/** One of the contract's vertrouwelijkheidaanduidingen. */
export type VertrouwelijkheidValue = NonNullable<CommandInput<'sync.link'>['vertrouwelijkheidaanduiding']>;

type Catalogue = CatalogueData & { informatieobjecttypen: (TypeOption & { zaaktypen: string[] })[] };

const storage = (): KeyValueStore | null => {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
};

export interface TypeChoice {
  options: TypeOption[];
  type: string;
  vertrouwelijkheid: string;
  choose(type: string, vertrouwelijkheid: string): void;
  setVertrouwelijkheid(v: string): void;
  /** What `sync.link` / `sync.newZaak` get: only what was chosen. */
  input(): { documenttype?: string; vertrouwelijkheidaanduiding?: VertrouwelijkheidValue };
  /** After a successful link: this type becomes the preselection for the zaaktype next time. */
  remember(): void;
}

export function useTypeChoice(
  catalogue: Catalogue | undefined,
  zaaktypeUrl: string | null,
  own: { documenttype?: FieldValue; vertrouwelijkheid?: FieldValue; fallback?: string | null } = {},
): TypeChoice {
  const options = useMemo(() => (catalogue && zaaktypeUrl ? typeOptions(catalogue, zaaktypeUrl) : []), [catalogue, zaaktypeUrl]);
  const [type, setType] = useState('');
  const [vh, setVh] = useState('');
  const key = `${zaaktypeUrl ?? ''}|${own.fallback ?? ''}|${options.map((o) => o.url).join('|')}`;
  const ownType = own.documenttype;
  const ownVh = own.vertrouwelijkheid?.value ?? '';
  useEffect(() => {
    const pre = zaaktypeUrl ? preselectType(options, ownType, rememberedType(storage(), zaaktypeUrl), own.fallback ?? null) : '';
    setType(pre);
    setVh(ownVh || typeVertrouwelijkheid(options, pre));
    // Only a different zaaktype (or catalogue) starts the choice again; the clerk's picks stay otherwise.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return {
    options,
    type,
    vertrouwelijkheid: vh,
    choose(t, v) {
      setType(t);
      setVh(v);
    },
    setVertrouwelijkheid: setVh,
    input: () => ({
      ...(type ? { documenttype: type } : {}),
      ...(vh ? { vertrouwelijkheidaanduiding: vh as VertrouwelijkheidValue } : {}),
    }),
    remember: () => {
      if (zaaktypeUrl && type) rememberType(storage(), zaaktypeUrl, type);
    },
  };
}
