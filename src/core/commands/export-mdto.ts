// The e-depot export (MDTO): per delivered document its file and the two metadata files, valued from its zaak's
// resultaat in the zaaksysteem; what cannot be valued is skipped with the reason. Audited with counts only.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { appendAudit } from '../../audit/audit';
import { periodBounds } from '../../audit/period';
import { PostkamerError } from '../../contract/errors';
import { amsterdamDate } from '../../domain/amsterdam-date';
import { documentFields, parseManualFields, type FieldFacts } from '../../domain/fields';
import { buildBestand } from '../../mdto/bestand';
import { buildInformatieobject, waarderingFor, type Waardering } from '../../mdto/informatieobject';
import { bestandFileName, fileNameFor, informatieobjectFileName, sanitizeName } from '../../mdto/names';
import { detectFormat } from '../../mdto/pronom';
import { selectMdtoCandidates, type MdtoCandidate, type MdtoQuery } from '../../store/mdto-export';
import { catalogueObject, zaakOutcome, type ZaakOutcome } from '../../sync/catalogue';
import { SyncError } from '../../sync/failure';
import type { SyncService as Sync } from '../../sync/service';
import { writeExport } from '../export-file';
import type { CoreServices, SomeHandlers } from '../types';

/** A document that cannot be exported, with the reason (Dutch, shown to the archivist). */
class Skip extends Error {}

function queryOf(i: { zaaknummer?: string; batchId?: string; from?: string; to?: string }): MdtoQuery {
  if (i.zaaknummer !== undefined) return { zaaknummer: i.zaaknummer };
  if (i.batchId !== undefined) return { batchId: i.batchId };
  const b = periodBounds(i.from, i.to);
  return { fromAt: b.fromAt!, toAt: b.toAt! };
}

function afzenderOf(c: MdtoCandidate): string | null {
  let extracted: FieldFacts['extracted'] = {};
  try {
    extracted = JSON.parse(c.extracted) as FieldFacts['extracted'];
  } catch {
    /* a damaged row counts as nothing recognised */
  }
  const fields = documentFields({
    title: c.title,
    extracted,
    receivedDate: amsterdamDate(new Date(c.createdAt)),
    manual: parseManualFields(c.fields),
  });
  return fields.afzender.value?.trim() || null;
}

/** Names not yet used in this export: a second document with the same base gets `_2`, `_3`, … */
function uniqueBase(base: string, used: Set<string>): string {
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base}_${n}`;
  used.add(name.toLowerCase());
  return name;
}

interface Written {
  id: string;
  identificatie: string;
  files: string[];
  waardering: Waardering;
}

export function exportMdtoCommands(core: CoreServices, sync: () => Sync) {
  return {
    'export.mdto': async (i, ctx) => {
      const archiefvormer = i.archiefvormer ?? (core.settings() as { archiefvormer?: unknown }).archiefvormer;
      if (typeof archiefvormer !== 'string' || archiefvormer.trim() === '')
        throw new PostkamerError('invalid-input', '(geen archiefvormer: geef --archiefvormer of stel de instelling archiefvormer in)');
      let query: MdtoQuery;
      try {
        query = queryOf(i);
      } catch (e) {
        if (e instanceof RangeError) throw new PostkamerError('invalid-input', `(${e.message})`);
        throw e;
      }
      const db = core.store.db;
      const candidates = selectMdtoCandidates(db, query);
      try {
        mkdirSync(i.dir, { recursive: true, mode: 0o700 });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? 'fout';
        throw new PostkamerError('file-unwritable', `(${i.dir.slice(0, 500)}: de map kan niet worden gemaakt, ${code})`, { file: i.dir });
      }

      const outcomes = new Map<string, Promise<ZaakOutcome>>();
      const used = new Set<string>();
      const written: Written[] = [];
      const skipped: { id: string; reason: string }[] = [];
      const checksumDatum = new Date().toISOString();

      const one = async (c: MdtoCandidate): Promise<Written> => {
        const row = c.row;
        if (c.purgedAt || !row.contentBlobId) throw new Skip('het bestand is niet meer op deze werkplek (opgeruimd na levering)');
        if (!row.zaakUrl) throw new Skip('de zaak van dit document is niet bekend');
        const clients = sync().worker.clients(row.env, ctx.actor);
        let outcomeP = outcomes.get(row.zaakUrl);
        if (!outcomeP) outcomes.set(row.zaakUrl, (outcomeP = zaakOutcome(db, clients, row.env, row.zaakUrl)));
        let outcome: ZaakOutcome;
        try {
          outcome = await outcomeP;
        } catch (e) {
          if (e instanceof SyncError) throw new Skip(`de zaak kon niet worden opgehaald: ${e.message}`);
          throw e;
        }
        const zaak = outcome.zaak;
        if (!outcome.resultaat || !outcome.resultaattype) throw new Skip(`de zaak ${zaak.identificatie} heeft nog geen resultaat`);
        const rt = outcome.resultaattype;
        const waardering = waarderingFor(rt.archiefnominatie);
        if (!waardering)
          throw new Skip(`het resultaattype '${rt.omschrijving}' heeft geen archiefnominatie (blijvend_bewaren of vernietigen)`);

        const data = core.store.vault.read(row.contentBlobId);
        const sha256 = createHash('sha256').update(data).digest('hex');
        if (row.sha256 && row.sha256 !== sha256) throw new Skip('het bestand wijkt af van wat is geleverd (controlegetal verschilt)');
        const format = detectFormat(data);
        if (!format) throw new Skip('het bestandsformaat is geen PDF die een PRONOM-code heeft');

        const identificatie = row.identificatie ?? c.row.documentId;
        const base = uniqueBase(sanitizeName(identificatie, c.row.documentId), used);
        const fileName = fileNameFor(base, 'pdf');
        const ioFile = informatieobjectFileName(base);
        const bestandFile = bestandFileName(fileName);
        const naam = row.titel?.trim() || c.title || identificatie;
        const iot = row.informatieobjecttype
          ? await catalogueObject(db, clients, row.env, 'informatieobjecttype', row.informatieobjecttype).catch(() => null)
          : null;
        const afleidingswijze = rt.brondatumArchiefprocedure?.afleidingswijze ?? null;
        const ioRef = { naam, kenmerk: identificatie, bron: `Documenten API, bronorganisatie ${clients.conn.rsin}` };
        const afzender = afzenderOf(c);

        const ioXml = buildInformatieobject({
          identificatie: [{ kenmerk: ioRef.kenmerk, bron: ioRef.bron }, ...(row.eioUrl ? [{ kenmerk: row.eioUrl, bron: 'URL' }] : [])],
          naam,
          documenttype: iot?.omschrijving ?? null,
          ontvangstdatum: row.ontvangstdatum,
          verzenddatum: row.verzenddatum,
          archiefnominatie: rt.archiefnominatie ?? '',
          archiefactietermijn: rt.archiefactietermijn ?? null,
          brondatum: { afleidingswijze, datum: afleidingswijze === 'afgehandeld' ? zaak.einddatum : null },
          resultaattype: { omschrijving: rt.omschrijving, selectielijstklasse: rt.selectielijstklasse ?? null },
          zaak: {
            naam: zaak.omschrijving || zaak.identificatie,
            kenmerk: zaak.identificatie,
            bron: `Zaken API, bronorganisatie ${zaak.bronorganisatie}`,
          },
          bestand: { naam: fileName, kenmerk: fileName, bron: 'Postkamer export' },
          archiefvormer: archiefvormer.trim(),
          betrokkenen: afzender ? [{ relatie: 'Afzender', actor: { naam: afzender } }] : [],
          vertrouwelijkheid: row.vertrouwelijkheidaanduiding ?? zaak.vertrouwelijkheidaanduiding ?? 'openbaar',
        });
        const bestandXml = buildBestand({
          identificatie: { kenmerk: fileName, bron: 'Postkamer export' },
          naam: fileName,
          omvang: data.length,
          format,
          sha256,
          checksumDatum,
          informatieobject: ioRef,
        });
        writeExport(join(i.dir, fileName), data);
        writeExport(join(i.dir, ioFile), Buffer.from(ioXml, 'utf8'));
        writeExport(join(i.dir, bestandFile), Buffer.from(bestandXml, 'utf8'));
        return { id: row.documentId, identificatie, files: [fileName, ioFile, bestandFile], waardering };
      };

      for (const c of candidates) {
        try {
          written.push(await one(c));
        } catch (e) {
          if (!(e instanceof Skip)) throw e;
          skipped.push({ id: c.row.documentId, reason: e.message });
        }
      }

      appendAudit(db, {
        actor: ctx.actor,
        origin: ctx.origin,
        action: 'export.mdto',
        result: 'ok',
        details: {
          selection: i.zaaknummer !== undefined ? 'zaak' : i.batchId !== undefined ? 'batch' : 'periode',
          written: written.length,
          skipped: skipped.length,
          blijvend: written.filter((w) => w.waardering === 'B').length,
          tijdelijk: written.filter((w) => w.waardering === 'V').length,
        },
      });
      return { dir: i.dir, written, skipped };
    },
  } satisfies SomeHandlers;
}
