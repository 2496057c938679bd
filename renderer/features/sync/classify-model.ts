// Pure rules of classifying while linking: the types a zaak's zaaktype allows, the one to preselect, the
// vertrouwelijkheid it brings, the clerk's last choice per zaaktype, and the zaken to suggest first.
import type { FieldValue } from '../../../src/contract';
import { allowedTypes as allowedByCatalogue, type CatalogueData } from './new-zaak-rules';

export interface TypeOption {
  url: string;
  omschrijving: string;
  vertrouwelijkheidaanduiding?: string;
}

const isIncoming = (o: TypeOption) => /inkomend/i.test(o.omschrijving);

/** The types a zaaktype allows, incoming ones first, then by name. */
export function typeOptions<T extends TypeOption>(catalogue: CatalogueData & { informatieobjecttypen: T[] }, zaaktypeUrl: string): T[] {
  const list = allowedByCatalogue(catalogue, zaaktypeUrl) as unknown as T[];
  return [...list].sort((a, b) => Number(isIncoming(b)) - Number(isIncoming(a)) || a.omschrijving.localeCompare(b.omschrijving, 'nl'));
}

/**
 * The type to start with: the document's own documenttype field (by URL or omschrijving), else the only allowed type,
 * else the one the clerk chose last for this zaaktype, else the connection's default type when allowed; '' when the clerk
 * must choose.
 */
export function preselectType(
  options: readonly TypeOption[],
  own: Pick<FieldValue, 'value' | 'url'> | undefined,
  remembered: string | null,
  fallback: string | null = null,
): string {
  if (own?.url && options.some((o) => o.url === own.url)) return own.url;
  const name = own?.value?.trim().toLowerCase();
  if (name) {
    const byName = options.filter((o) => o.url === own?.value || o.omschrijving.trim().toLowerCase() === name);
    if (byName.length === 1) return byName[0]!.url;
  }
  if (options.length === 1) return options[0]!.url;
  if (remembered && options.some((o) => o.url === remembered)) return remembered;
  if (fallback && options.some((o) => o.url === fallback)) return fallback;
  return '';
}

/** The vertrouwelijkheid a type brings (the catalogue's default), or '' when it names none. */
export const typeVertrouwelijkheid = (options: readonly TypeOption[], url: string): string =>
  options.find((o) => o.url === url)?.vertrouwelijkheidaanduiding ?? '';

/** The part of localStorage we use (injected in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

// Only catalogue URLs are kept: which type was chosen for which zaaktype — nothing about a document or a person.
const KEY = 'postkamer.lastDocumenttype';

function readChoices(store: KeyValueStore): Record<string, string> {
  try {
    const o = JSON.parse(store.getItem(KEY) ?? '{}') as unknown;
    return o && typeof o === 'object' && !Array.isArray(o) ? (o as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export function rememberedType(store: KeyValueStore | null, zaaktypeUrl: string): string | null {
  if (!store) return null;
  const v = readChoices(store)[zaaktypeUrl];
  return typeof v === 'string' ? v : null;
}

export function rememberType(store: KeyValueStore | null, zaaktypeUrl: string, typeUrl: string): void {
  if (!store || !zaaktypeUrl || !typeUrl) return;
  try {
    store.setItem(KEY, JSON.stringify({ ...readChoices(store), [zaaktypeUrl]: typeUrl }));
  } catch {
    // A full or forbidden storage only loses the convenience.
  }
}

export interface ZaakHit {
  identificatie: string;
  omschrijving: string;
}

const norm = (s: string) => s.toLowerCase().replace(/[\s/._-]+/g, '');

/** Suggestions in the order most likely first: the zaaknummer read on the page, then zaken whose text holds the kenmerk. */
export function rankZaken<T extends ZaakHit>(zaken: readonly T[], hints: { zaaknummer?: string | null; kenmerk?: string | null }): T[] {
  const nr = hints.zaaknummer ? norm(hints.zaaknummer) : '';
  const kenmerk = hints.kenmerk ? norm(hints.kenmerk) : '';
  const score = (z: T) => {
    if (nr && norm(z.identificatie) === nr) return 0;
    if (kenmerk.length >= 3 && (norm(z.omschrijving).includes(kenmerk) || norm(z.identificatie).includes(kenmerk))) return 1;
    return 2;
  };
  return zaken
    .map((z, i) => ({ z, i, s: score(z) }))
    .sort((a, b) => a.s - b.s || a.i - b.i)
    .map((x) => x.z);
}
