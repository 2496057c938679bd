import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initStore, type Store } from '../../../src/store/store';
import { verifyAuditChain } from '../../../src/audit/audit';
import {
  claimDue,
  CommitQueue,
  enqueue,
  getRow,
  holderIsDead,
  nextDueAt,
  outboxCounts,
  release,
  releaseUnstarted,
  retryNow,
  saveProgress,
  WORKER_ID,
} from '../../../src/sync/outbox';
import { loadCredentials, saveConnection } from '../../../src/sync/connections';

// The outbox on the real store (SQLCipher, WAL): leases, fencing, group commit and the encrypted credentials.

const who = { actor: 'clerk', origin: 'cli' };
let dir: string;
let store: Store;

function addDocument(id: string): void {
  const now = new Date().toISOString();
  store.db.prepare(`INSERT OR IGNORE INTO batches (id, created_at, source, label, status) VALUES ('b', ?, 'cli', 'b', 'done')`).run(now);
  store.db
    .prepare(
      `INSERT INTO documents (id, batch_id, seq, title, file_name, mime, size, sha256, status, created_at, updated_at) VALUES (?, 'b', 0, 't', 'f.pdf', 'application/pdf', 1, ?, 'stored', ?, ?)`,
    )
    .run(id, 'a'.repeat(64), now, now);
}

const docId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'postkamer-outbox-'));
  store = await initStore(dir, { passphrase: 'outbox-unit-test' });
});
afterEach(() => {
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('outbox persistence', () => {
  it('enqueues once per document with a fixed identificatie, and audits it', () => {
    addDocument(docId(1));
    const a = enqueue(store.db, { documentId: docId(1), env: 'test', target: { kind: 'zaaknummer', zaaknummer: 'ZAAK-1' } }, who);
    const b = enqueue(store.db, { documentId: docId(1), env: 'test', target: { kind: 'zaaknummer', zaaknummer: 'ZAAK-1' } }, who);
    expect(b).toEqual(a);
    expect(a).toMatchObject({ state: 'pending', identificatie: expect.stringMatching(/^PK-/), attempts: 0 });
    expect(outboxCounts(store.db)).toMatchObject({ pending: 1, done: 0 });
    expect(store.db.prepare(`SELECT zaaknummer FROM documents WHERE id = ?`).get(docId(1))).toEqual({ zaaknummer: 'ZAAK-1' });
    expect(verifyAuditChain(store.db)).toMatchObject({ valid: true, entries: 1 });
    expect(() => enqueue(store.db, { documentId: docId(9), env: 'test', target: { kind: 'zaaknummer', zaaknummer: 'Z' } }, who)).toThrow();
  });

  it('counts the EIO create a claim may send in the claim itself, and takes it back for a row given back unstarted', () => {
    for (let i = 1; i <= 3; i++) {
      addDocument(docId(i));
      enqueue(store.db, { documentId: docId(i), env: 'test', target: { kind: 'zaaknummer', zaaknummer: 'Z' } }, who);
    }
    expect(getRow(store.db, docId(1))!.eioAttempts).toBe(0);
    const now = Date.now();
    const claimed = claimDue(store.db, WORKER_ID, 3, now, { envs: ['test'] });
    expect(claimed.map((r) => r.eioAttempts)).toEqual([1, 1, 1]);
    expect(claimed.map((r) => getRow(store.db, r.documentId)!.eioAttempts)).toEqual([1, 1, 1]);
    // Delivered as far as a lost answer: the attempt stays counted, and the next claim counts the second.
    expect(release(store.db, docId(1), WORKER_ID, { attempts: 1 }, now)).toBe(true);
    // Never started (claimed ahead, then given back): not sent, so not counted.
    expect(
      releaseUnstarted(
        store.db,
        claimed.find((r) => r.documentId === docId(2))!,
        WORKER_ID,
        now,
      ),
    ).toBe(true);
    expect(getRow(store.db, docId(2))!.eioAttempts).toBe(0);
    const again = claimDue(store.db, WORKER_ID, 3, now, { envs: ['test'], exclude: new Set([docId(3)]) });
    expect(Object.fromEntries(again.map((r) => [r.documentId, r.eioAttempts]))).toEqual({ [docId(1)]: 2, [docId(2)]: 1 });
    // A row whose EIO exists needs no create: its count is left alone.
    saveProgress(store.db, docId(3), WORKER_ID, { eioUrl: 'http://d/eio/3', state: 'content-uploaded' }, now);
    release(store.db, docId(3), WORKER_ID, {}, now);
    const [third] = claimDue(store.db, WORKER_ID, 1, now, { envs: ['test'], exclude: new Set([docId(1), docId(2)]) });
    expect(third).toMatchObject({ documentId: docId(3), eioAttempts: 1 });
    releaseUnstarted(store.db, third, WORKER_ID, now);
    expect(getRow(store.db, docId(3))!.eioAttempts).toBe(1);
  });

  it('leases rows: a live holder keeps them, a dead or expired one does not, and writes are fenced on the lease', () => {
    for (let i = 1; i <= 3; i++) {
      addDocument(docId(i));
      enqueue(store.db, { documentId: docId(i), env: 'test', target: { kind: 'zaaknummer', zaaknummer: 'Z' } }, who);
    }
    const now = Date.now();
    const mine = claimDue(store.db, WORKER_ID, 2, now, { envs: ['test'] });
    expect(mine).toHaveLength(2);
    // Another live process (this test's parent has a live pid) sees only the third.
    const other = `${hostname()}/${process.ppid}/other`;
    expect(claimDue(store.db, other, 5, now, { envs: ['test'] }).map((r) => r.documentId)).toEqual([docId(3)]);
    // It cannot write to a row it does not hold.
    expect(saveProgress(store.db, mine[0].documentId, other, { state: 'done' }, now)).toBe(false);
    expect(getRow(store.db, mine[0].documentId)!.state).toBe('pending');
    // After the lease runs out, it can take the row; the old holder's writes then fail.
    expect(
      claimDue(store.db, other, 5, now + 61_000, { envs: ['test'] })
        .map((r) => r.documentId)
        .sort(),
    ).toEqual([docId(1), docId(2), docId(3)]);
    expect(saveProgress(store.db, mine[0].documentId, WORKER_ID, { state: 'done' }, now)).toBe(false);
  });

  it('leaves out the rows this worker is already delivering, even when they outnumber the rows wanted', () => {
    for (let i = 1; i <= 12; i++) {
      addDocument(docId(i));
      enqueue(store.db, { documentId: docId(i), env: 'test', target: { kind: 'zaaknummer', zaaknummer: 'Z' } }, who);
    }
    const now = Date.now();
    const first = claimDue(store.db, WORKER_ID, 10, now, { envs: ['test'] });
    expect(first).toHaveLength(10);
    // Held by this worker and named in `exclude` (in flight): only the two others come back, though limit × 4 = 4
    // rows would be read at most and the ten excluded rows come first in claim order.
    const exclude = new Set(first.map((r) => r.documentId));
    const next = claimDue(store.db, WORKER_ID, 1, now, { envs: ['test'], exclude });
    expect(next).toHaveLength(1);
    expect(exclude.has(next[0].documentId)).toBe(false);
    const last = claimDue(store.db, WORKER_ID, 5, now, { envs: ['test'], exclude: new Set([...exclude, next[0].documentId]) });
    expect(last.map((r) => r.documentId)).toEqual(
      [docId(1), docId(2), docId(3), docId(4), docId(5), docId(6), docId(7), docId(8), docId(9), docId(10), docId(11), docId(12)].filter(
        (d) => !exclude.has(d) && d !== next[0].documentId,
      ),
    );
    // Without `exclude`, a row this worker holds but is not delivering is taken again at once.
    expect(claimDue(store.db, WORKER_ID, 20, now, { envs: ['test'] })).toHaveLength(12);
  });

  it('writes the audit entries of a change under the actor who queued the row, inside or outside a group commit', async () => {
    addDocument(docId(1));
    enqueue(
      store.db,
      { documentId: docId(1), env: 'test', target: { kind: 'zaaknummer', zaaknummer: 'Z' } },
      { actor: 'pbakker', origin: 'ui' },
    );
    const now = Date.now();
    claimDue(store.db, WORKER_ID, 1, now, { envs: ['test'] });
    expect(
      saveProgress(store.db, docId(1), WORKER_ID, { state: 'document-created' }, now, { action: 'zgw.eio.created', result: 'ok' }),
    ).toBe(true);
    const q = new CommitQueue(store.db);
    expect(
      await q.run(() => release(store.db, docId(1), WORKER_ID, { state: 'done' }, now, [{ action: 'zgw.outbox.done', result: 'ok' }])),
    ).toBe(true);
    // Lease gone: fenced, nothing written, no audit entry.
    expect(
      await q.run(() => saveProgress(store.db, docId(1), WORKER_ID, { state: 'pending' }, now, { action: 'zgw.x', result: 'ok' })),
    ).toBe(false);
    const rows = store.db.prepare(`SELECT actor, origin, action FROM audit WHERE action LIKE 'zgw.%' ORDER BY seq`).all();
    expect(rows).toEqual([
      { actor: 'pbakker', origin: 'ui', action: 'zgw.outbox.enqueue' },
      { actor: 'pbakker', origin: 'sync', action: 'zgw.eio.created' },
      { actor: 'pbakker', origin: 'sync', action: 'zgw.outbox.done' },
    ]);
    expect(getRow(store.db, docId(1))!.state).toBe('done');
    expect(verifyAuditChain(store.db).valid).toBe(true);
  });

  it('treats the lease of a process that died as free', () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const holder = `${hostname()}/${dead}/gone`;
    expect(holderIsDead(holder)).toBe(true);
    expect(holderIsDead(WORKER_ID)).toBe(false);
    expect(holderIsDead(`another-host/${dead}/x`)).toBe(false);
    addDocument(docId(1));
    enqueue(store.db, { documentId: docId(1), env: 'test', target: { kind: 'zaaknummer', zaaknummer: 'Z' } }, who);
    const now = Date.now();
    expect(claimDue(store.db, holder, 1, now, { envs: ['test'] })).toHaveLength(1);
    expect(claimDue(store.db, WORKER_ID, 1, now, { envs: ['test'] })).toHaveLength(1);
  });

  it('skips rows not yet due and documents still being processed; nextDueAt says when to look again', () => {
    addDocument(docId(1));
    addDocument(docId(2));
    enqueue(store.db, { documentId: docId(1), env: 'test', target: { kind: 'zaaknummer', zaaknummer: 'Z' } }, who);
    enqueue(store.db, { documentId: docId(2), env: 'test', target: { kind: 'zaaknummer', zaaknummer: 'Z' } }, who);
    store.db.prepare(`UPDATE documents SET status = 'processing' WHERE id = ?`).run(docId(2));
    const now = Date.now();
    const [row] = claimDue(store.db, WORKER_ID, 5, now, { envs: ['test'] });
    expect(row.documentId).toBe(docId(1));
    expect(release(store.db, row.documentId, WORKER_ID, { nextAttemptAt: now + 5000, attempts: 1 }, now)).toBe(true);
    expect(claimDue(store.db, WORKER_ID, 5, now, { envs: ['test'] })).toEqual([]);
    expect(nextDueAt(store.db, ['test'])).toBe(now + 5000);
    expect(claimDue(store.db, WORKER_ID, 5, now, { envs: ['acceptatie'] })).toEqual([]);
  });

  it('takes a row out of attention on retry, back to where it stood', () => {
    addDocument(docId(1));
    enqueue(store.db, { documentId: docId(1), env: 'test', target: { kind: 'zaaknummer', zaaknummer: 'Z' } }, who);
    const now = Date.now();
    claimDue(store.db, WORKER_ID, 1, now, { envs: ['test'] });
    release(
      store.db,
      docId(1),
      WORKER_ID,
      { state: 'attention', eioUrl: 'http://d/eio/1', lastErrorCode: 'x', lastError: 'y', attempts: 3 },
      now,
    );
    expect(retryNow(store.db, docId(1), who)).toMatchObject({ state: 'content-uploaded', attempts: 0, lastError: null, nextAttemptAt: 0 });
  });
});

describe('CommitQueue', () => {
  it('writes changes queued together in one commit and acknowledges them only after the WAL is fsynced', async () => {
    for (let i = 1; i <= 5; i++) {
      addDocument(docId(i));
      enqueue(store.db, { documentId: docId(i), env: 'test', target: { kind: 'zaaknummer', zaaknummer: 'Z' } }, who);
    }
    const now = Date.now();
    claimDue(store.db, WORKER_ID, 5, now, { envs: ['test'] });
    const q = new CommitQueue(store.db, store.db.name);
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((i) => q.run(() => saveProgress(store.db, docId(i), WORKER_ID, { state: 'done' }, now))),
    );
    expect(results).toEqual([true, true, true, true, true]);
    expect(q.commits).toBe(1);
    expect(q.fsyncs).toBe(1);
    expect(outboxCounts(store.db).done).toBe(5);
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // FULL again for everyone else
    await q.close();
  });

  it('isolates a failing change in its own savepoint', async () => {
    addDocument(docId(1));
    enqueue(store.db, { documentId: docId(1), env: 'test', target: { kind: 'zaaknummer', zaaknummer: 'Z' } }, who);
    const q = new CommitQueue(store.db, store.db.name);
    const ok = q.run(() => store.db.prepare(`UPDATE zgw_outbox SET attempts = 7`).run().changes);
    const bad = q.run(() => {
      store.db.prepare(`UPDATE zgw_outbox SET attempts = 99`).run();
      throw new Error('boom');
    });
    const [okR, badR] = await Promise.allSettled([ok, bad]);
    expect(okR).toEqual({ status: 'fulfilled', value: 1 });
    expect(badR).toMatchObject({ status: 'rejected', reason: { message: 'boom' } });
    expect(getRow(store.db, docId(1))!.attempts).toBe(7);
    await q.close();
  });
});

describe('connections', () => {
  it('keeps client_id and secret in an encrypted vault blob, never in a column, and shreds the old one on change', async () => {
    const input = {
      env: 'test' as const,
      zaken: 'https://oz.example/zaken/api/v1',
      documenten: 'https://oz.example/documenten/api/v1',
      catalogi: 'https://oz.example/catalogi/api/v1',
      clientId: 'postkamer-ws1',
      secret: 's3cr3t-value-xyz',
      rsin: '002220647',
    };
    const c = await saveConnection(store, input, who);
    expect(c).toMatchObject({ env: 'test', rsin: '002220647', informatieobjecttype: null });
    expect(JSON.stringify(store.db.prepare('SELECT * FROM zgw_connections').all())).not.toContain('s3cr3t');
    expect(loadCredentials(store, 'test')).toEqual({ clientId: 'postkamer-ws1', secret: 's3cr3t-value-xyz' });
    const firstBlob = (store.db.prepare('SELECT credentials_blob_id AS b FROM zgw_connections').get() as { b: string }).b;
    await saveConnection(store, { ...input, secret: 'nieuw-geheim' }, who);
    expect(store.db.prepare('SELECT 1 FROM blobs WHERE id = ?').get(firstBlob)).toBeUndefined();
    expect(loadCredentials(store, 'test').secret).toBe('nieuw-geheim');
    await expect(saveConnection(store, { ...input, rsin: '123456789' }, who)).rejects.toMatchObject({ code: 'invalid-rsin' });
    expect(JSON.stringify(store.db.prepare('SELECT details FROM audit').all())).not.toContain('geheim');
  });
});

describe('relink while a worker holds the row', () => {
  it('is refused until the delivery in flight has finished, and allowed once the lease is gone', () => {
    addDocument(docId(1));
    enqueue(store.db, { documentId: docId(1), env: 'test', target: { kind: 'zaaknummer', zaaknummer: 'Z-1' } }, who);
    const now = Date.now();
    claimDue(store.db, WORKER_ID, 1, now, { envs: ['test'] });
    expect(
      enqueue(store.db, { documentId: docId(1), env: 'test', target: { kind: 'zaaknummer', zaaknummer: 'Z-1' } }, who).zaaknummer,
    ).toBe('Z-1');
    expect(() => enqueue(store.db, { documentId: docId(1), env: 'test', target: { kind: 'zaaknummer', zaaknummer: 'Z-2' } }, who)).toThrow(
      expect.objectContaining({ code: 'zgw-busy' }),
    );
    release(store.db, docId(1), WORKER_ID, {}, now);
    expect(enqueue(store.db, { documentId: docId(1), env: 'test', target: { kind: 'zaaknummer', zaaknummer: 'Z-2' } }, who)).toMatchObject({
      zaaknummer: 'Z-2',
      state: 'pending',
    });
  });
});
