// A generated mail room for the supervisor's desk: documents received over the last N days, linked and delivered by
// three people, some in attention (by reason), a few in every stage; inserted through the store modules (no OCR, no
// blobs), seeded, so the e2e test, the integration test and the desk benchmark share one shape of data.
import { randomUUID } from 'node:crypto';
import { amsterdamMidnight } from '../../src/domain/working-hours';
import type { Stage } from '../../src/domain/stage';
import { insertBatch, markBatchDone } from '../../src/store/batches';
import type { Db } from '../../src/store/db';
import { insertDocument } from '../../src/store/documents';
import { insertOutboxRow } from '../../src/store/outbox';
import type { OutboxRow } from '../../src/sync/outbox-machine';
import { generatedOutboxRow } from './outbox-rows';

/** The three people who link and deliver the post. */
export const DESK_PEOPLE = ['anna', 'bram', 'carla'] as const;
/** The reasons documents in attention carry (the outbox's last error code). */
export const DESK_REASONS = ['zgw-http-500', 'zgw-auth', 'zgw-zaak-onbekend'] as const;

export interface DeskSeedOptions {
  /** The moment the data ends (deliveries are never later). */
  now: Date;
  documents: number;
  /** The documents are received over this many days up to `now`. */
  days?: number;
  /** The first documents go round the six stages, so each holds at least this many. */
  eachStage?: number;
  seed?: number;
  /** Documents per transaction. */
  chunk?: number;
}

export interface DeskSeedResult {
  documents: number;
  /** How many documents were put in each stage (`afgeleverd`: every delivery, not only today's). */
  byStage: Record<Stage, number>;
  deliveredToday: number;
}

type Kind = 'done' | 'attention' | 'pending' | 'stored' | 'flagged' | 'ready';
const KIND_STAGE: Record<Kind, Stage> = {
  done: 'afgeleverd',
  attention: 'aandacht-nodig',
  pending: 'in-outbox',
  stored: 'nieuw',
  flagged: 'te-controleren',
  ready: 'klaar-om-te-koppelen',
};
const ROUND: readonly Kind[] = ['stored', 'flagged', 'ready', 'pending', 'attention', 'done'];

/** Most delivered, as in a mail room that keeps up. */
const kindOf = (r: number): Kind =>
  r < 75 ? 'done' : r < 80 ? 'attention' : r < 85 ? 'pending' : r < 90 ? 'stored' : r < 95 ? 'flagged' : 'ready';

function outboxRow(o: {
  id: string;
  state: OutboxRow['state'];
  actor: string;
  createdAt: string;
  doneAt: string | null;
  reason: string | null;
}): OutboxRow {
  return generatedOutboxRow({
    documentId: o.id,
    state: o.state,
    actor: o.actor,
    createdAt: o.createdAt,
    zaaknummer: `ZAAK-2026-${o.id.slice(0, 8)}`,
    informatieobjecttype: 'http://127.0.0.1/catalogi/api/v1/informatieobjecttypen/1',
    vertrouwelijkheidaanduiding: 'zaakvertrouwelijk',
    attempts: o.state === 'attention' ? 3 : 0,
    // Far in the future: nothing is due, so a running sync service leaves the generated rows alone.
    nextAttemptAt: o.state === 'pending' ? Date.parse('2999-01-01T00:00:00Z') : 0,
    lastErrorCode: o.reason,
    lastError: o.reason ? `Gegenereerd: ${o.reason}` : null,
    updatedAt: o.doneAt ?? o.createdAt,
    doneAt: o.doneAt,
  });
}

/** Fills `db` (an open store with its schema) and says what it put where. */
export function seedDesk(db: Db, opts: DeskSeedOptions): DeskSeedResult {
  const days = opts.days ?? 30;
  const eachStage = opts.eachStage ?? 3;
  const chunk = opts.chunk ?? 5000;
  let seed = opts.seed ?? 17;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), Math.floor((seed / 2 ** 31) * n));
  const now = opts.now.getTime();
  const midnight = amsterdamMidnight(opts.now).getTime();
  const byStage = Object.fromEntries(Object.values(KIND_STAGE).map((s) => [s, 0])) as Record<Stage, number>;
  let deliveredToday = 0;
  const batches: string[] = [];
  for (let start = 0; start < opts.documents; start += chunk) {
    db.transaction(() => {
      for (let i = start; i < Math.min(opts.documents, start + chunk); i++) {
        // Oldest first, so a batch of 25 holds documents of about the same day.
        const created = now - Math.floor(((opts.documents - i) / opts.documents) * days * 86_400_000) + rnd(60_000);
        const createdAt = new Date(Math.min(created, now - 60_000)).toISOString();
        if (i % 25 === 0) {
          const id = randomUUID();
          insertBatch(db, { id, createdAt, source: 'cli', profile: null, label: `Post ${createdAt.slice(0, 10)} (${i / 25 + 1})` });
          batches.push(id);
        }
        const kind = i < eachStage * ROUND.length ? ROUND[i % ROUND.length]! : kindOf(rnd(100));
        const id = randomUUID();
        insertDocument(db, {
          id,
          batchId: batches[Math.floor(i / 25)]!,
          itemId: null,
          seq: i % 25,
          title: `Brief ${i + 1}`,
          fileName: `brief-${i + 1}.pdf`,
          mime: 'application/pdf',
          size: 40_000,
          sha256: '0'.repeat(64),
          sourceBlobId: null,
          pdfBlobId: null,
          status: kind === 'stored' ? 'stored' : 'ready',
          pageCount: 1 + rnd(4),
          qcFlags: kind === 'flagged' ? ['too-dark'] : [],
          containsBsn: false,
          extracted: { zaaknummer: null, kenmerk: `K${i}`, sender: 'Gemeente', detail: {} },
          zaaknummer: null,
          createdAt,
          updatedAt: createdAt,
          text: `Geachte heer, mevrouw, brief nummer ${i + 1}.`,
        });
        byStage[KIND_STAGE[kind]]++;
        const actor = DESK_PEOPLE[rnd(DESK_PEOPLE.length)]!;
        if (kind === 'done') {
          // Delivered one to 48 hours after receipt, never after now; the last day's post partly today.
          const done = Math.min(now - 1000, Date.parse(createdAt) + (1 + rnd(48)) * 3_600_000 + rnd(3_600_000));
          if (done >= midnight) deliveredToday++;
          insertOutboxRow(db, outboxRow({ id, state: 'done', actor, createdAt, doneAt: new Date(done).toISOString(), reason: null }));
        } else if (kind === 'attention') {
          const reason = DESK_REASONS[rnd(DESK_REASONS.length)]!;
          insertOutboxRow(db, outboxRow({ id, state: 'attention', actor, createdAt, doneAt: null, reason }));
        } else if (kind === 'pending')
          insertOutboxRow(db, outboxRow({ id, state: 'pending', actor, createdAt, doneAt: null, reason: null }));
      }
    })();
  }
  db.transaction(() => batches.forEach((b) => markBatchDone(db, b)))();
  return { documents: opts.documents, byStage, deliveredToday };
}
