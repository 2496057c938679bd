import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, readdirSync, truncateSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { beforeAll, describe, expect, it } from 'vitest';
import { deriveKey } from '../../src/store/crypto';
import { readKeyFile, unlockWithPassphrase } from '../../src/store/keyfile';
import { PASSPHRASE, listFiles, runCli, snapshotTree, spawnCli, tempDir } from '../support/cli';
import { textPdf, textPng } from '../support/scans';

/** Opens the store's database directly (as a forensic check would), with the key from the passphrase. */
async function rawDb(dataDir: string) {
  const kf = readKeyFile(dataDir)!;
  const master = await unlockWithPassphrase(kf, PASSPHRASE);
  const db = new Database(join(dataDir, 'postkamer.db'));
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${deriveKey(master, 'database').toString('hex')}'"`);
  return db;
}

describe('postkamer CLI: init, ingest, documents, status', () => {
  let data: string;
  beforeAll(async () => {
    data = join(tempDir(), 'store');
    const r = await runCli(['init', '--data', data]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('stores a file so that no byte under the data folder contains its plaintext', async () => {
    const dir = tempDir();
    const marker = `PLAINTEXTMARKER${Date.now()}`;
    const file = join(dir, 'brief.pdf');
    const pdf = textPdf(['Geachte mevrouw,', `Kenmerk ${marker}`, 'Met vriendelijke groet']);
    expect(Buffer.from(pdf).includes(marker), 'the input itself holds the marker in plain text').toBe(true);
    writeFileSync(file, pdf);
    const r = await runCli(['ingest', file, '--json', '--data', data]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.documents).toHaveLength(1);
    expect(out.errors).toEqual([]);
    const docs = JSON.parse((await runCli(['documents', '--json', '--data', data])).stdout);
    expect(docs.map((d: { fileName: string }) => d.fileName)).toContain('brief.pdf');
    // The marker is in the store (original, recognised text, PDF/A) — but only encrypted.
    const text = await runCli(['text', out.documents[0].id, '--data', data]);
    expect(text.stdout).toContain(marker);
    const needles = [Buffer.from(marker), Buffer.from(marker, 'utf16le'), Buffer.from(marker.slice(0, 12))];
    for (const f of listFiles(data)) {
      const bytes = readFileSync(f);
      for (const n of needles) expect(bytes.includes(n), `${f} contains plaintext`).toBe(false);
    }
  });

  it('with a wrong passphrase exits non-zero with a clear message and changes nothing on disk', async () => {
    const before = snapshotTree(data);
    const r = await runCli(['documents', '--json', '--data', data], { env: { POSTKAMER_PASSPHRASE: 'dit is niet het wachtwoord' } });
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/Onjuist wachtwoord/);
    expect(snapshotTree(data)).toEqual(before);
  });

  it('without a store says how to make one', async () => {
    const r = await runCli(['documents', '--data', join(tempDir(), 'nothing')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/postkamer init/);
  });

  it('rejects bad input with a reason naming the file, and stores the rest', async () => {
    const dir = tempDir();
    const good1 = join(dir, 'goed-1.png');
    const good2 = join(dir, 'goed-2.png');
    writeFileSync(good1, await textPng('Eerste goede brief'));
    writeFileSync(good2, await textPng('Tweede goede brief'));
    const empty = join(dir, 'leeg.pdf');
    writeFileSync(empty, '');
    const missing = join(dir, 'bestaat-niet.pdf');
    const huge = join(dir, 'te-groot.tif');
    writeFileSync(huge, '');
    truncateSync(huge, 600 * 1000 * 1000); // sparse: 600 MB logical, ~0 on disk
    const r = await runCli(['ingest', good1, empty, missing, huge, good2, '--json', '--data', data]);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out.documents.map((d: { fileName: string }) => d.fileName)).toEqual(['goed-1.png', 'goed-2.png']);
    const byFile = Object.fromEntries(out.errors.map((e: { file: string; code: string; message: string }) => [e.file, e]));
    expect(byFile[empty]).toMatchObject({ code: 'file-empty' });
    expect(byFile[missing]).toMatchObject({ code: 'file-not-found' });
    expect(byFile[huge]).toMatchObject({ code: 'file-too-large' });
    for (const e of out.errors) expect(e.message).toContain(e.file);
    for (const f of [empty, missing, huge]) expect(r.stderr).toContain(f);
    const db = await rawDb(data);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const rej = db.prepare('SELECT code FROM rejections WHERE batch_id = ? ORDER BY code').all(out.batchId);
      expect(rej.map((x) => (x as { code: string }).code)).toEqual(['file-empty', 'file-not-found', 'file-too-large']);
    } finally {
      db.close();
    }
  });

  it('rejects an unreadable file by name (run as an unprivileged user when root)', async () => {
    const dir = tempDir();
    chmodSync(dir, 0o777);
    const secret = join(dir, 'geheim.pdf');
    const ok = join(dir, 'leesbaar.png');
    writeFileSync(secret, 'niet voor jou');
    writeFileSync(ok, await textPng('Wel leesbaar'));
    chmodSync(secret, 0o000);
    chmodSync(ok, 0o644);
    let prefix: string[] = [];
    const store = join(dir, 'store');
    if (process.getuid?.() === 0) {
      // Root reads everything; drop to "nobody" so the permission check is real.
      expect(spawnSync('setpriv', ['--version']).status, 'setpriv (util-linux) is needed to drop root').toBe(0);
      prefix = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
      mkdirSync(store, { mode: 0o777 });
      chmodSync(store, 0o777);
    }
    const env = { HOME: dir, XDG_CONFIG_HOME: dir, TMPDIR: dir };
    const init = await runCli(['init', '--data', store], { prefix, env });
    expect(init.code, init.stderr).toBe(0);
    const r = await runCli(['ingest', secret, ok, '--json', '--data', store], { prefix, env });
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out.documents.map((d: { fileName: string }) => d.fileName)).toEqual(['leesbaar.png']);
    expect(out.errors).toEqual([{ file: secret, code: 'file-unreadable', message: expect.stringContaining(secret) }]);
  });

  it('survives SIGKILL in the middle of a 200-file ingest: database intact, no orphaned or half-written blobs', async () => {
    const store = join(tempDir(), 'store');
    expect((await runCli(['init', '--data', store])).code).toBe(0);
    const src = tempDir();
    // Real (small) scans, each different so that nothing is deduplicated away.
    for (let i = 0; i < 200; i++)
      writeFileSync(join(src, `scan-${String(i).padStart(3, '0')}.png`), await textPng(`Pagina ${i} van de post`, { width: 700 + i }));
    const child = spawnCli(['ingest', src, '--data', store]);
    // Kill once a good part, but not all, of the files are in the vault.
    await new Promise<void>((resolve, reject) => {
      const t0 = Date.now();
      const poll = setInterval(() => {
        const n = existsSync(join(store, 'vault')) ? listFiles(join(store, 'vault')).length : 0;
        if (n >= 40) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve();
        } else if (Date.now() - t0 > 60_000 || child.exitCode !== null) {
          clearInterval(poll);
          reject(new Error(`ingest ended or stalled before the kill point (${n} blobs)`));
        }
      }, 5);
    });
    await new Promise((r) => child.once('close', r));
    expect(child.signalCode).toBe('SIGKILL');

    // The next start (any command) recovers.
    const status = await runCli(['status', '--json', '--data', store]);
    expect(status.code, status.stderr).toBe(0);
    const s = JSON.parse(status.stdout);
    const received = s.documents + s.pendingItems;
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(200);

    const db = await rawDb(store);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const blobs = db.prepare(`SELECT id, state, size FROM blobs`).all() as { id: string; state: string; size: number }[];
      expect(blobs.every((b) => b.state === 'stored')).toBe(true);
      const files = listFiles(join(store, 'vault'));
      expect(files.filter((f) => f.includes('/vault/tmp/'))).toEqual([]);
      const names = files.map((f) => f.split('/').pop()).sort();
      expect(names).toEqual(blobs.map((b) => b.id).sort());
      // Every blob is complete: header + ciphertext + tag.
      for (const b of blobs) {
        const f = files.find((x) => x.endsWith(b.id))!;
        expect(readFileSync(f).length).toBe(b.size + 4 + 12 + 16);
      }
      const items = db.prepare(`SELECT count(*) AS n FROM items i JOIN blobs b ON b.id = i.blob_id WHERE b.state = 'stored'`).get() as {
        n: number;
      };
      expect(items.n).toBe(received);
    } finally {
      db.close();
    }
    // And the store still works: a new ingest stores its files…
    const more = tempDir();
    for (let i = 0; i < 3; i++) writeFileSync(join(more, `nog-${i}.png`), await textPng(`Nog een brief ${i}`));
    const again = await runCli(['ingest', more, '--json', '--data', store]);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).documents).toHaveLength(3);
    // …and finished the items the killed run had received but not processed.
    const after = JSON.parse((await runCli(['status', '--json', '--data', store])).stdout);
    expect(after.pendingItems).toBe(0);
    expect(after.documents).toBe(3 + received);
    expect(readdirSync(join(store, 'vault', 'tmp'))).toEqual([]);
  });
});
