// A scan profile's settings as short Dutch (or English) phrases, for the scan screen's picker and the profiles screen.
import type { ScanProfileDto } from '../../../src/contract';

// Pure apart from the translation function it is given.

type T = (key: string, opts?: Record<string, unknown>) => string;

export type FactKey = 'resolution' | 'colour' | 'duplex' | 'blankPages' | 'imageMode' | 'documentType' | 'separatorSheets' | 'patchT';
export interface Fact {
  key: FactKey;
  label: string;
  value: string;
}

/** The settings that matter at the scanner, in the order the brief of the mail room names them. */
export const KEY_FACTS: readonly FactKey[] = ['resolution', 'colour', 'duplex', 'blankPages', 'imageMode'];
export const ALL_FACTS: readonly FactKey[] = [...KEY_FACTS, 'documentType', 'separatorSheets', 'patchT'];

export function profileFacts(t: T, p: ScanProfileDto, keys: readonly FactKey[] = KEY_FACTS): Fact[] {
  return keys.map((key) => ({ key, label: t(`profiles.fields.${key}`), value: factValue(t, p, key) }));
}

function factValue(t: T, p: ScanProfileDto, key: FactKey): string {
  switch (key) {
    case 'resolution':
      return t('profiles.values.ppi', { dpi: p.resolution });
    case 'colour':
      return t(`profiles.values.colour.${p.colour}`);
    case 'duplex':
      return p.source === 'flatbed' ? t('profiles.values.flatbed') : p.duplex ? t('profiles.values.duplex') : t('profiles.values.simplex');
    case 'blankPages':
      return t(`profiles.values.blankPages.${p.blankPages}`);
    case 'imageMode':
      return t(`profiles.values.imageMode.${p.imageMode}`);
    case 'documentType':
      return p.documentType ?? t('profiles.values.noDocumentType');
    case 'separatorSheets':
      return p.separatorSheets ? t('profiles.values.recognised') : t('profiles.values.ignored');
    case 'patchT':
      return p.patchT ? t('profiles.values.recognised') : t('profiles.values.ignored');
  }
}

/** One line for a picker: "Resolutie: 300 ppi · Kleur: automatisch · …". */
export const factLine = (facts: readonly Fact[]): string => facts.map((f) => `${f.label}: ${f.value}`).join(' · ');
