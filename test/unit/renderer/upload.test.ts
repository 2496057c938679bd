import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type PostkamerApi } from '../../../src/contract';
import { Core } from '../../../src/core/core';
import { storeAsIs } from '../../../src/core/process';
import { serveChannel } from '../../../src/hosts/serve';
import { initStore } from '../../../src/store/store';
import { clampName, MAX_NAME, uploadFiles, type FileUpload } from '../../../renderer/features/import/upload';
import { signInAsAdmin, TEST_ADMIN } from '../../support/people';

// The renderer's upload against the real core (SQLCipher store, upload buffer, ingest) over the real wire
// format; only the transport is in-process. The core keeps files as they are here (no OCR): this is about
// getting the bytes across intact, chunk by chunk. The channel signs in as the test administrator (who holds the
// clerk's role that uploads need), as the UI's sign-in form does.

let dir: string;
let core: Core;
let api: PostkamerApi;
/** The administrator on a connection of the test's own (the size limit is theirs to set). */
const admin = { origin: 'cli' as const, connection: 'upload-test-admin' };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'postkamer-upload-'));
  core = new Core(await initStore(join(dir, 'data'), { passphrase: 'upload-test-wachtwoord' }), {
    processor: storeAsIs,
    close: async () => undefined,
  });
  let toClient: (m: unknown) => void = () => {};
  let toServer: (m: unknown) => void = () => {};
  const wire = (m: unknown) => JSON.parse(JSON.stringify(m)) as unknown; // as on a real transport: JSON only
  serveChannel(
    core,
    { send: (m) => queueMicrotask(() => toClient(wire(m))), onMessage: (h) => (toServer = h), onClose: () => {} },
    { origin: 'web' },
  );
  api = createApiClient(
    (m) => queueMicrotask(() => toServer(wire(m))),
    (h) => (toClient = h),
    () => '',
  );
  await signInAsAdmin(core, admin);
  const signedIn = await api.call('auth.signIn', { login: TEST_ADMIN.login, pin: TEST_ADMIN.pin });
  if (!signedIn.ok) throw new Error(`sign-in: ${signedIn.error.code}`);
});

afterAll(async () => {
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('uploadFiles', () => {
  it('sends files in chunks, in order, and they arrive byte for byte as one batch', async () => {
    const big = randomBytes(50_000 + 123);
    const small = randomBytes(10);
    const seen: FileUpload[][] = [];
    const out = await uploadFiles(api, [new File([big], 'groot.pdf'), new File([small], 'klein.png')], {
      chunkBytes: 4096,
      onChange: (f) => seen.push(f),
    });

    expect(out.files.map((f) => [f.name, f.phase, f.sent])).toEqual([
      ['groot.pdf', 'stored', big.length],
      ['klein.png', 'stored', small.length],
    ]);
    expect(out.result!.documents).toHaveLength(2);
    // Progress: the big file went up chunk by chunk, never backwards.
    const sent = seen.map((s) => s[0].sent);
    expect(new Set(sent).size).toBeGreaterThan(Math.ceil(big.length / 4096));
    for (let i = 1; i < sent.length; i++) expect(sent[i]).toBeGreaterThanOrEqual(sent[i - 1]);

    const docs = await api.call('documents.list', { batchId: out.result!.batchId });
    if (!docs.ok) throw new Error(docs.error.code);
    const byName = new Map(docs.data.map((d) => [d.fileName, d]));
    expect(byName.get('groot.pdf')!.sha256).toBe(sha(big));
    expect(byName.get('klein.png')!.sha256).toBe(sha(small));
    expect(out.files[0].documentId).toBe(byName.get('groot.pdf')!.id);
  });

  it('reports an empty file by its code, and still stores the others', async () => {
    const ok = randomBytes(100);
    const out = await uploadFiles(api, [new File([], 'leeg.pdf'), new File([ok], 'goed.pdf')]);
    expect(out.files.map((f) => [f.name, f.phase, f.error?.code])).toEqual([
      ['leeg.pdf', 'failed', 'file-empty'],
      ['goed.pdf', 'stored', undefined],
    ]);
  });

  it('reports a file over the size limit and sends nothing when nothing is left', async () => {
    // The limit is an administrator's setting, and at least 1 MiB.
    const set = await core.call('settings.set', { maxFileBytes: 1024 * 1024 }, admin);
    expect(set.ok).toBe(true);
    try {
      const out = await uploadFiles(api, [new File([randomBytes(1024 * 1024 + 1)], 'te-groot.tif')]);
      expect(out.result).toBeNull();
      expect(out.files[0]).toMatchObject({ phase: 'failed', error: { code: 'file-too-large' }, sent: 0 });
    } finally {
      await core.call('settings.set', { maxFileBytes: 500_000_000 }, admin);
    }
  });

  it('never sends a path: separators become "_" and long names keep their extension within the limit', async () => {
    expect(clampName('../../etc/passwd')).toBe('.._.._etc_passwd');
    expect(clampName('C:\\scans\\brief.pdf')).toBe('C:_scans_brief.pdf');
    const long = clampName(`${'a'.repeat(400)}.pdf`);
    expect(long).toHaveLength(MAX_NAME);
    expect(long.endsWith('….pdf')).toBe(true);
    const out = await uploadFiles(api, [new File([randomBytes(5)], `${'b'.repeat(300)}.pdf`)]);
    expect(out.files[0].phase).toBe('stored');
    expect(out.result!.documents[0].fileName).toHaveLength(MAX_NAME);
  });
});
