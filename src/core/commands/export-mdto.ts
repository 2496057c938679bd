// The e-depot export (MDTO): per delivered document its file and the two metadata files, valued from its zaak's
// resultaat in the zaaksysteem; what cannot be valued is skipped with the reason. Audited with counts only.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { appendAudit } from '../../audit/audit';
import { PostkamerError } from '../../contract/errors';
import { amsterdamDate } from '../../domain/amsterdam-date';
import { amsterdamDayStart, nextDay } from '../../domain/period-report';
import { documentFields, parseManualFields, type FieldFacts } from '../../domain/fields';
import { buildBestand } from '../../mdto/bestand';
import { buildInformatieobject, waarderingFor, type Waardering } from '../../mdto/informatieobject';
import { bestandFileName, fileNameFor, informatieobjectFileName, sanitizeName } from '../../mdto/names';
import { detectFormat } from '../../mdto/pronom';
import { listCorrections } from '../../store/eio-corrections';
import { getDocument } from '../../store/documents';
import { selectMdtoCandidates, type MdtoCandidate, type MdtoQuery } from '../../store/mdto-export';
import { catalogueObject, zaakOutcome, type ZaakOutcome } from '../../sync/catalogue';
import { SyncError } from '../../sync/failure';
import type { SyncService as Sync } from '../../sync/service';
import { ClassificationReader } from '../classification';
import { writeExport } from '../export-file';
import type { CoreServices, HandlerContext, SomeHandlers } from '../types';

/** A document that cannot be exported, with the reason (Dutch, shown to the archivist). */
class Skip extends Error {}

function queryOf(i: { zaaknummer?: string; batchId?: string; from?: string; to?: string }): MdtoQuery {
  if (i.zaaknummer !== undefined) return { zaaknummer: i.zaaknummer };
  if (i.batchId !== undefined) return { batchId: i.batchId };
  // Amsterdam days, as the queue and the period report count them (not the workstation's own time zone).
  return { fromAt: amsterdamDayStart(i.from!).toISOString(), toAt: amsterdamDayStart(nextDay(i.to!)).toISOString() };
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

/** What one export run needs: its documents, where to write, and who and what to record. */
interface Run {
  candidates: MdtoCandidate[];
  dir: string;
  archiefvormer: string;
  /** How the selection was made, for the audit entry. */
  selection: 'zaak' | 'batch' | 'periode' | 'selectie';
  onProgress?: (done: number, total: number) => void;
}

export function exportMdtoCommands(core: CoreServices, sync: () => Sync) {
  const archiefvormerOf = (given: string | undefined, hint: string): string => {
    const a = given ?? core.settings().archiefvormer;
    if (typeof a !== 'string' || a.trim() === '') throw new PostkamerError('invalid-input', `(geen archiefvormer: ${hint})`);
    return a.trim();
  };

  /** Writes every candidate that can be valued into `run.dir`; the others are skipped with the reason. */
  async function exportRun(run: Run, ctx: HandlerContext): Promise<{ written: Written[]; skipped: { id: string; reason: string }[] }> {
    const db = core.store.db;
    const { candidates } = run;
    const archiefvormer = run.archiefvormer;
    try {
      mkdirSync(run.dir, { recursive: true, mode: 0o700 });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'fout';
      throw new PostkamerError('file-unwritable', `(${run.dir.slice(0, 500)}: de map kan niet worden gemaakt, ${code})`, { file: run.dir });
    }

    const classification = new ClassificationReader(db);
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
      // Type and confidentiality as the document has them now (a reclassification after delivery included; the
      // connection's and the type's defaults where nobody chose), never a guess.
      if (listCorrections(db, row.documentId).some((k) => k.state !== 'done'))
        throw new Skip('een correctie van het document in het zaaksysteem is nog niet verwerkt');
      const doc = getDocument(db, row.documentId);
      const cls = doc ? classification.of(doc) : null;
      if (!cls?.vertrouwelijkheid) throw new Skip('de vertrouwelijkheid van het document is niet bekend');
      const typeName =
        cls.documenttype ??
        (cls.informatieobjecttype
          ? ((await catalogueObject(db, clients, row.env, 'informatieobjecttype', cls.informatieobjecttype).catch(() => null))
              ?.omschrijving ?? null)
          : null);
      const afleidingswijze = rt.brondatumArchiefprocedure?.afleidingswijze ?? null;
      const ioRef = { naam, kenmerk: identificatie, bron: `Documenten API, bronorganisatie ${clients.conn.rsin}` };
      const afzender = afzenderOf(c);

      const ioXml = buildInformatieobject({
        identificatie: [{ kenmerk: ioRef.kenmerk, bron: ioRef.bron }, ...(row.eioUrl ? [{ kenmerk: row.eioUrl, bron: 'URL' }] : [])],
        naam,
        documenttype: typeName,
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
        vertrouwelijkheid: cls.vertrouwelijkheid,
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
      writeExport(join(run.dir, fileName), data);
      writeExport(join(run.dir, ioFile), Buffer.from(ioXml, 'utf8'));
      writeExport(join(run.dir, bestandFile), Buffer.from(bestandXml, 'utf8'));
      return { id: row.documentId, identificatie, files: [fileName, ioFile, bestandFile], waardering };
    };

    for (const [k, c] of candidates.entries()) {
      try {
        written.push(await one(c));
      } catch (e) {
        if (!(e instanceof Skip)) throw e;
        skipped.push({ id: c.row.documentId, reason: e.message });
      }
      run.onProgress?.(k + 1, candidates.length);
    }

    appendAudit(db, {
      actor: ctx.actor,
      origin: ctx.origin,
      action: 'export.mdto',
      result: 'ok',
      details: {
        selection: run.selection,
        written: written.length,
        skipped: skipped.length,
        blijvend: written.filter((w) => w.waardering === 'B').length,
        tijdelijk: written.filter((w) => w.waardering === 'V').length,
      },
    });
    return { written, skipped };
  }

  return {
    'export.mdto': async (i, ctx) => {
      const archiefvormer = archiefvormerOf(i.archiefvormer, 'geef --archiefvormer of stel de instelling archiefvormer in');
      let query: MdtoQuery;
      try {
        query = queryOf(i);
      } catch (e) {
        if (e instanceof RangeError) throw new PostkamerError('invalid-input', `(${e.message})`);
        throw e;
      }
      const candidates = selectMdtoCandidates(core.store.db, query);
      const selection = i.zaaknummer !== undefined ? 'zaak' : i.batchId !== undefined ? 'batch' : 'periode';
      const out = await exportRun({ candidates, dir: i.dir, archiefvormer, selection }, ctx);
      return { dir: i.dir, ...out };
    },
    'export.mdtoSelection': async (i, ctx) => {
      const archiefvormer = archiefvormerOf(undefined, 'de beheerder stelt de instelling archiefvormer in');
      const base = core.settings().exportDir;
      if (!base) throw new PostkamerError('invalid-input', '(geen exportmap: de beheerder stelt de instelling exportDir in)');
      if (!isDirectory(base)) throw new PostkamerError('file-unwritable', '(de exportmap bestaat niet of is geen map; vraag de beheerder)');
      const ids = [...new Set(i.ids)];
      const candidates = selectMdtoCandidates(core.store.db, { ids });
      const delivered = new Set(candidates.map((c) => c.row.documentId));
      const folder = `mdto-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}-${randomBytes(2).toString('hex')}`;
      const total = ids.length;
      const out = await exportRun(
        {
          candidates,
          dir: join(base, folder),
          archiefvormer,
          selection: 'selectie',
          onProgress: (done) => core.emit('export.progress', { done, total }),
        },
        ctx,
      );
      const notDelivered = ids.filter((id) => !delivered.has(id)).map((id) => ({ id, reason: 'het document is (nog) niet afgeleverd' }));
      core.emit('export.progress', { done: total, total });
      return { folder, written: out.written, skipped: [...out.skipped, ...notDelivered] };
    },
  } satisfies SomeHandlers;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
