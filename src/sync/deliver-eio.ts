// The EIO steps of a delivery: creating the informatieobject (inline, or announced for bestandsdelen), adopting one an
// earlier attempt made, and uploading the parts under the lock the server gave.
import type { ZgwClients } from './clients';
import type { EioCreateRequest } from './clients/documenten';
import { catalogueObject } from './catalogue';
import type { DeliverContext } from './deliver-context';
import { informatieobjecttypeOf, local } from './deliver-zaak';
import { SyncError } from './failure';
import { deliveryValues } from './freeze';
import { judgeFoundEio, partsCoverSize, partsToUpload, type OutboxRow, type Part } from './outbox-machine';
import type { AuditNote } from './outbox';
import type { Eio } from './schemas';

/** Creates the row's EIO; with `lookUp`, first reuses one an earlier attempt made. The third value: created now. */
export async function createEio(
  ctx: DeliverContext,
  c: ZgwClients,
  row: OutboxRow,
  lookUp: boolean,
): Promise<[Partial<OutboxRow>, AuditNote, boolean]> {
  const sha = row.sha256!;
  const size = row.size!;
  const found = lookUp ? await c.documenten.findByIdentificatie(row.identificatie, c.conn.rsin) : null;
  if (found) return [adopt(row, found, sha, size), { action: 'zgw.eio.found', result: 'ok' }, false];

  const iot = informatieobjecttypeOf(c, row);
  const vertrouwelijkheid =
    row.vertrouwelijkheidaanduiding ??
    (await catalogueObject(ctx.store.db, c, row.env, 'informatieobjecttype', iot)).vertrouwelijkheidaanduiding;
  const content = ctx.store.vault.read(row.contentBlobId!);
  if (content.length !== size) throw local('blob-integrity', 'De inhoud van het document is veranderd sinds het werd klaargezet.');
  // The descriptive values as they stand now (a correction made after the freeze is sent as well).
  const v = deliveryValues(ctx.store, row.documentId);
  const inline = size <= ctx.inlineLimit;
  const body: Omit<EioCreateRequest, 'inhoud'> = {
    identificatie: row.identificatie,
    bronorganisatie: c.conn.rsin,
    creatiedatum: row.verzenddatum ?? row.ontvangstdatum!,
    titel: row.titel!,
    auteur: v.auteur,
    ...(v.beschrijving ? { beschrijving: v.beschrijving } : {}),
    status: 'definitief',
    formaat: row.formaat!,
    taal: 'dut',
    bestandsnaam: row.bestandsnaam!,
    bestandsomvang: size,
    informatieobjecttype: iot,
    vertrouwelijkheidaanduiding: vertrouwelijkheid as EioCreateRequest['vertrouwelijkheidaanduiding'],
    ontvangstdatum: row.ontvangstdatum,
    verzenddatum: row.verzenddatum,
    indicatieGebruiksrecht: false,
    integriteit: { algoritme: 'sha_256', waarde: sha, datum: row.ontvangstdatum! },
  };
  const created = await c.documenten.create(body, inline ? content : undefined);
  ctx.checkpoint('after-create-eio');
  if (inline || !created.locked) {
    return [
      { eioUrl: created.url, lock: null, parts: null, state: 'content-uploaded' },
      { action: 'zgw.eio.created', result: 'ok', details: { size, inline: true } },
      true,
    ];
  }
  const lock = created.lock || created.bestandsdelen.find((p) => p.lock)?.lock;
  if (!lock) throw local('zgw-no-lock', 'Het zaaksysteem gaf geen slot (lock) voor het uploaden in delen.');
  const parts = toParts(created);
  if (!partsCoverSize(parts, size))
    throw local('zgw-parts-mismatch', 'De bestandsdelen van het zaaksysteem passen niet bij de grootte van het document.');
  return [
    { eioUrl: created.url, lock, parts, state: 'document-created' },
    { action: 'zgw.eio.created', result: 'ok', details: { size, inline: false, parts: parts.length } },
    true,
  ];
}

const toParts = (e: Eio): Part[] =>
  e.bestandsdelen.map((p) => ({ url: p.url, volgnummer: p.volgnummer, omvang: p.omvang, voltooid: p.voltooid }));

/** An EIO with our identificatie already exists (an earlier try that lost its answer): continue from it. */
function adopt(row: OutboxRow, found: Eio, sha: string, size: number): Partial<OutboxRow> {
  const verdict = judgeFoundEio(found, sha, size);
  if (verdict === 'different') {
    throw local(
      'zgw-identificatie-bezet',
      `Er staat al een ander document met identificatie ${row.identificatie} in het zaaksysteem (andere inhoud). Neem contact op met de beheerder.`,
    );
  }
  if (verdict === 'complete') return { eioUrl: found.url, lock: null, parts: null, state: 'content-uploaded' };
  const lock = row.lock ?? found.lock ?? found.bestandsdelen.find((p) => p.lock)?.lock;
  if (!lock)
    throw local(
      'zgw-document-vergrendeld',
      'Het document staat vergrendeld in het zaaksysteem en het slot is onbekend. Vraag de beheerder het te ontgrendelen.',
    );
  return { eioUrl: found.url, lock, parts: toParts(found), state: 'document-created' };
}

export type Recorder = (p: Partial<OutboxRow>, a?: AuditNote) => void;

export async function uploadParts(
  ctx: DeliverContext,
  c: ZgwClients,
  row: OutboxRow,
  fresh: boolean,
  record: Recorder,
  again = false,
): Promise<void> {
  let parts = row.parts ?? [];
  let lock = row.lock;
  if (!fresh) {
    const eio = await c.documenten.get(row.eioUrl!);
    if (!eio.locked) {
      if (eio.bestandsomvang !== null && eio.bestandsomvang !== row.size) {
        throw local('zgw-upload-mismatch', 'Het document in het zaaksysteem heeft een andere grootte dan verstuurd.');
      }
      record({ lock: null, parts: null, state: 'content-uploaded' }, { action: 'zgw.eio.uploaded', result: 'ok' });
      return;
    }
    parts = toParts(eio);
    lock = lock ?? eio.lock ?? eio.bestandsdelen.find((p) => p.lock)?.lock ?? null;
    if (!lock)
      throw local(
        'zgw-document-vergrendeld',
        'Het document staat vergrendeld in het zaaksysteem en het slot is onbekend. Vraag de beheerder het te ontgrendelen.',
      );
  }
  const todo = partsToUpload(parts);
  if (todo.length > 0) {
    const content = ctx.store.vault.read(row.contentBlobId!);
    for (const { part, start, end } of todo) {
      try {
        await c.documenten.putPart(part.url, content.subarray(start, end), lock!);
      } catch (e) {
        // A part that is gone: another holder of the lock (a restored copy of this store sending the same document)
        // finished the upload, and the server merged the parts on its unlock. What the EIO says now decides.
        if (!again && e instanceof SyncError && e.failure.kind === 'http' && e.failure.status === 404)
          return uploadParts(ctx, c, row, false, record, true);
        throw e;
      }
      ctx.checkpoint('after-put-part');
      parts = parts.map((p) => (p.url === part.url ? { ...p, voltooid: true } : p));
      // Parts sent are not recorded one by one: on a resume the server's voltooid flags say which are there.
    }
  }
  await c.documenten.unlock(row.eioUrl!, lock!);
  ctx.checkpoint('after-unlock');
  record(
    { lock: null, parts: null, state: 'content-uploaded' },
    { action: 'zgw.eio.uploaded', result: 'ok', details: { parts: parts.length } },
  );
}
