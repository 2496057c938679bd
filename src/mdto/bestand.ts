// The MDTO `bestand` of one exported file (`<bestandsnaam>.bestand.mdto.xml`): pure, elements in the XSD's order.
import type { Identificatie, Verwijzing } from './informatieobject';
import { begrip } from './informatieobject';
import type { PronomFormat } from './pronom';
import { el, mdtoDocument } from './xml';

export interface BestandInput {
  identificatie: Identificatie;
  /** The file's name as exported. */
  naam: string;
  /** Size in bytes. */
  omvang: number;
  format: PronomFormat;
  /** SHA-256 of the file's bytes, lower-case hex. */
  sha256: string;
  /** When the checksum was taken (ISO 8601 date-time). */
  checksumDatum: string;
  /** The informatieobject this file represents. */
  informatieobject: Verwijzing;
}

export function buildBestand(b: BestandInput): string {
  if (!/^[0-9a-f]{64}$/.test(b.sha256)) throw new RangeError('de SHA-256 moet 64 hexadecimale tekens zijn');
  if (!Number.isSafeInteger(b.omvang) || b.omvang < 0) throw new RangeError('de omvang moet een geheel aantal bytes zijn');
  const io = b.informatieobject;
  const body = el('bestand', [
    el('identificatie', [el('identificatieKenmerk', b.identificatie.kenmerk), el('identificatieBron', b.identificatie.bron)]),
    el('naam', b.naam),
    el('omvang', String(b.omvang)),
    begrip('bestandsformaat', b.format.label, 'PRONOM-register', b.format.puid),
    el('checksum', [
      begrip('checksumAlgoritme', 'SHA256', 'Begrippenlijst ChecksumAlgoritme MDTO'),
      el('checksumWaarde', b.sha256),
      el('checksumDatum', b.checksumDatum),
    ]),
    el('isRepresentatieVan', [
      el('verwijzingNaam', io.naam),
      io.kenmerk && io.bron
        ? el('verwijzingIdentificatie', [el('identificatieKenmerk', io.kenmerk), el('identificatieBron', io.bron)])
        : null,
    ]),
  ]);
  return mdtoDocument(body);
}
