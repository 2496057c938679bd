// Whole letters as they arrive in the mail room, typed as plain text with their layout: columns by
// spaces, vertical position by line number. Numbers that look like a BSN are generated.
import { dotted, makeBsn } from './letter';

export const BSN = makeBsn(2026);
export const OTHER_VALID = makeBsn(2027); // passes the 11-proef too, but is a customer/invoice number

/** Places `footer` on line `at` (0-based) of the page, after `body`. */
export function withFooter(body: string, footer: string, at = 54): string {
  const lines = body.replace(/^\n/, '').split('\n');
  while (lines.length < at) lines.push('');
  return [...lines, footer].join('\n');
}

/** A citizen's objection: sender top-left, the municipality in the window, place and date. */
export const CITIZEN_LETTER = `
J. de Vries
Dorpsstraat 12a
1234 AB Dorpje


Gemeente Utrecht
t.a.v. het college van burgemeester en wethouders
Postbus 16200
3500 CE Utrecht



Dorpje, 3 maart 2026

Betreft: bezwaar tegen beschikking
Uw kenmerk: VTH/2026/00123

Geachte heer, mevrouw,

Hierbij maak ik bezwaar tegen uw besluit van 12 februari 2026 over mijn aanvraag.
Mijn burgerservicenummer is ${dotted(BSN)}. Ik ben geboren op 14-05-1980.
Graag ontvang ik uw reactie vóór 1 april 2026. U kunt mij bellen op 06-12345678.

Met vriendelijke groet,


J. de Vries
`;

/** A company letter: letterhead on the right, a table-like reference header, a footer. */
export const COMPANY_LETTER = withFooter(
  `
                                                  Bouwbedrijf Jansen B.V.
                                                  Industrieweg 45
                                                  5678 CD Veldhoven
                                                  T 040 123 4567
                                                  info@jansen-bouw.example


Gemeente Eindhoven
Aan het college van burgemeester en wethouders
Postbus 90150
5600 RB Eindhoven



Datum              Ons kenmerk        Uw kenmerk         Uw brief van
12 maart 2026      JAN/2026/045       Z-2026-1234        20 februari 2026

Onderwerp: aanvullende stukken, zaaknummer ZAAK - 2026 - 0000000123

Geachte heer, mevrouw,

Namens onze opdrachtgever sturen wij u de aanvullende stukken voor de aanvraag.
Wij verzoeken u de stukken vóór 1 april 2026 te beoordelen. Factuurnummer ${OTHER_VALID} is bijgevoegd.

Met vriendelijke groet,

Bouwbedrijf Jansen B.V.

P. Jansen, directeur
`,
  'Bouwbedrijf Jansen B.V. | KvK 12345678 | IBAN NL91 ABNA 0417 1643 00 | BTW NL001234567B01',
);

/** An organisation writing about a client: labels with colons, a data table with a BSN column. */
export const INSURER_LETTER = withFooter(
  `
Zorgverzekeraar Gezond


Gemeente Amsterdam
Afdeling Werk en Inkomen
Postbus 2003
1000 CA Amsterdam


Datum: 5 februari 2026
Ons kenmerk: ZG-77812
Betreft: gegevens cliënt

Naam                Geboortedatum      BSN               Klantnummer
A. Bakker           01-02-1975         ${BSN}         ${OTHER_VALID}

Geachte heer, mevrouw,

Wij verzoeken u uiterlijk 1 maart 2026 te reageren op dit verzoek.

Met vriendelijke groet,

Zorgverzekeraar Gezond
`,
  'Zorgverzekeraar Gezond | Postbus 123 | 1000 AB Amsterdam | www.gezond.example',
);
