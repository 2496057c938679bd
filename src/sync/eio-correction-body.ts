// What a correction sends and how it knows it was sent: the PATCH body (descriptive fields as they are; new content
// as base64 with its size, file name and checksum, read from the vault and checked first) and the comparison with
// the EIO as the server holds it.
import { createHash } from 'node:crypto';
import { PostkamerError } from '../contract/errors';
import type { EioChanges, EioContent } from '../store/eio-corrections';
import type { Store } from '../store/store';
import type { EioDescriptive, EioPatch } from './clients/documenten';
import { amsterdamDate } from './dates';
import { SyncError } from './failure';

const local = (code: string, message: string): SyncError => new SyncError({ kind: 'local', code, message });

const CONTENT_CHANGED =
  'De nieuwe inhoud van het document (na de herscan) is in de lokale opslag niet meer dezelfde als toen de nieuwe versie ' +
  'werd klaargezet (de controlesom SHA-256 of de grootte wijkt af); er is niets naar het zaaksysteem gestuurd. Bouw het ' +
  'document opnieuw op of scan de pagina opnieuw.';
const CONTENT_MISSING =
  'De nieuwe inhoud van het document (na de herscan) ontbreekt in de lokale opslag of is beschadigd; er is niets naar het ' +
  'zaaksysteem gestuurd. Bouw het document opnieuw op of scan de pagina opnieuw.';

/**
 * Whether the EIO already holds every changed value (a PATCH that reached the server, its answer lost). New content
 * counts as there when the latest version's integriteit carries its SHA-256: one new version per content change.
 */
export function alreadyApplied(eio: EioDescriptive, changes: EioChanges): boolean {
  const { inhoud, ...fields } = changes;
  if (inhoud && (eio.integriteit?.waarde ?? '').toLowerCase() !== inhoud.sha256.toLowerCase()) return false;
  return (Object.keys(fields) as (keyof typeof fields)[]).every((k) => (eio[k] ?? null) === (fields[k] ?? null));
}

/** The bytes of `inhoud` from the vault, refused (a local, permanent failure) unless they are what was queued. */
function contentOf(store: Store, inhoud: EioContent): Buffer {
  let bytes: Buffer;
  try {
    bytes = store.vault.read(inhoud.blobId);
  } catch (e) {
    if (e instanceof PostkamerError && (e.code === 'blob-integrity' || e.code === 'not-found'))
      throw local('blob-integrity', CONTENT_MISSING);
    throw e;
  }
  if (bytes.length !== inhoud.size || createHash('sha256').update(bytes).digest('hex') !== inhoud.sha256.toLowerCase())
    throw local('blob-integrity', CONTENT_CHANGED);
  return bytes;
}

/**
 * The PATCH of `changes`: the descriptive fields as they are; with new content, its size, file name and integriteit
 * (sha_256, dated `requestedAt` in Amsterdam) in the body and its bytes to go as the base64 `inhoud`.
 */
export function correctionPatch(
  store: Store,
  changes: EioChanges,
  requestedAt: string,
): { body: Omit<EioPatch, 'inhoud'>; content?: Buffer } {
  const { inhoud, ...fields } = changes;
  if (!inhoud) return { body: fields };
  const content = contentOf(store, inhoud);
  return {
    body: {
      ...fields,
      bestandsnaam: inhoud.bestandsnaam,
      bestandsomvang: inhoud.size,
      integriteit: { algoritme: 'sha_256', waarde: inhoud.sha256.toLowerCase(), datum: amsterdamDate(new Date(requestedAt)) },
    },
    content,
  };
}
