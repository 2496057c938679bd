// A queued delivery row as generated data needs it (benchmarks and store-level tests that fill a store without a
// zaaksysteem): the product's new row (src/sync/outbox.ts newOutboxRow) with a delivered file's columns filled in and
// the caller's values on top; a done row gets its done time.
import { newOutboxRow } from '../../src/sync/outbox';
import type { OutboxRow } from '../../src/sync/outbox-machine';

export function generatedOutboxRow(o: Partial<OutboxRow> & Pick<OutboxRow, 'documentId' | 'createdAt'>): OutboxRow {
  return newOutboxRow({
    env: 'test',
    actor: 'beheerder',
    target: 'zaaknummer',
    zaaknummer: null,
    newZaak: null,
    identificatie: `PK-${o.documentId}`,
    formaat: 'application/pdf',
    bestandsnaam: 'brief.pdf',
    titel: 'Brief',
    ontvangstdatum: o.createdAt.slice(0, 10),
    doneAt: o.state === 'done' ? o.createdAt : null,
    ...o,
  });
}
