// Vervangende digitalisering end to end, through the CLI as people use it (issue 18, must show): a clerk brings in a
// batch of generated letter pages (recognised for real) and delivers them to the test zaaksysteem; an archivist draws
// the sample, judges one page fout; the clerk rescans it (the delivered document gets exactly one new EIO version);
// the archivist judges it again and approves. The verklaring van vervanging (PDF/A) reaches the zaak exactly once —
// also when sync runs again — and its text names the batch, the page counts and both people; the destruction list
// shows the batch, and its destruction is registered.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { renderLetterPage } from '../support/letters';
import { TEST_PIN } from '../support/people';
import { startZgwServer, type ZgwServer } from '../zgw-server';
import { call, openStoreWithConnection, PASSPHRASE, tempDir } from './sync-support';

const ZAAK = 'ZAAK-2026-0000000001';
const has = (tool: string, arg: string) => spawnSync(tool, [arg]).error === undefined;
const sha256 = (b: Buffer | Uint8Array | null) =>
  createHash('sha256')
    .update(b ?? Buffer.alloc(0))
    .digest('hex');

describe.skipIf(!has('pdftotext', '-v') || !has('qpdf', '--version'))(
  'vervanging: scan → QC with a rescan → verklaring → destruction list (CLI)',
  () => {
    let server: ZgwServer;
    let t: { dir: string; cleanup(): void };
    let dir: string;
    const clerk = { POSTKAMER_PASSPHRASE: PASSPHRASE }; // the CLI's own person: test-beheerder, who holds every role
    const archivist = { POSTKAMER_PASSPHRASE: PASSPHRASE, POSTKAMER_USER: 'arie', POSTKAMER_PIN: TEST_PIN };
    const pk = async (args: string[], env: Record<string, string> = clerk) => {
      const r = await runCli([...args, '--data', dir], { env, timeoutMs: 240_000 });
      return r;
    };
    const json = async <T>(args: string[], env?: Record<string, string>): Promise<T> => {
      const r = await pk([...args, '--json'], env);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      return JSON.parse(r.stdout) as T;
    };

    beforeAll(async () => {
      server = await startZgwServer({ seed: 'minimal', validate: true });
      t = tempDir('vervanging');
      dir = join(t.dir, 'store');
      const core = await openStoreWithConnection(dir, server);
      await call(core, 'people.add', { login: 'arie', name: 'Arie Archivaris', roles: ['archivaris'], pin: TEST_PIN });
      await call(core, 'settings.set', {
        vervangingsbesluit: { titel: 'Besluit vervanging inkomende post 2026', datum: '2026-01-15', kenmerk: 'VB-2026-001' },
        verklaringDocumenttype: 'Inkomende brief',
      });
      await call(core, 'sync.refresh', {});
      await core.close();
    }, 120_000);
    afterAll(async () => {
      await server?.close();
      t?.cleanup();
    });

    it('goes all the way, once', async () => {
      // The clerk's batch: three letters, one page each.
      const pages = join(t.dir, 'scans');
      mkdirSync(pages);
      for (const seed of [301, 302, 303])
        writeFileSync(join(pages, `brief-${seed}.png`), (await renderLetterPage({ seed, variant: 'clean' })).png);
      const ingested = await json<{ batchId: string; documents: { id: string }[] }>(['ingest', pages]);
      const { batchId } = ingested;
      expect(ingested.documents).toHaveLength(3);
      for (const d of ingested.documents) expect((await pk(['link', d.id, '--zaaknummer', ZAAK])).code).toBe(0);
      expect((await pk(['sync', '--once'])).code).toBe(0);
      expect([...server.state.zios.values()]).toHaveLength(3);

      // The archivist samples (a batch of three: every page) and finds one page wrong.
      const started = await json<{ seed: string; sample: { page: number; documentId: string }[] }>(
        ['qc', 'start', batchId.slice(0, 8)],
        archivist,
      );
      expect(started.seed).toMatch(/^[0-9a-f]{32}$/);
      expect(started.sample.map((s) => s.page)).toEqual([1, 2, 3]);
      const bad = started.sample[1]!;
      for (const s of started.sample)
        expect(
          (await pk(['qc', 'judge', batchId, String(s.page), ...(s === bad ? ['--fout', 'onleesbaar'] : ['--goed'])], archivist)).code,
        ).toBe(0);
      expect(await json(['qc', 'close', batchId], archivist)).toEqual({
        qc: 'afgekeurd',
        faults: [{ page: bad.page, reden: 'onleesbaar' }],
      });
      // Starting again gives the recorded sample, never a new one.
      expect((await json<{ seed: string }>(['qc', 'start', batchId], archivist)).seed).toBe(started.seed);

      // The clerk rescans the page; the delivered document gets a new version of its EIO.
      // Each document's EIO: the one whose first version holds the document as delivered.
      const delivered = new Map((await json<{ id: string; sha256: string }[]>(['documents'])).map((d) => [d.id, d.sha256]));
      const eioOf = (documentId: string) =>
        [...server.state.eios.values()].find((e) => sha256(e.versions[0]!.content) === delivered.get(documentId))!;
      const rescan = join(t.dir, 'nascan.png');
      writeFileSync(rescan, (await renderLetterPage({ seed: 302, variant: 'noisy-jpeg' })).png);
      const r = await json<{ newEioVersion: boolean; documentId: string }>(['qc', 'rescan', batchId, String(bad.page), '--file', rescan]);
      expect(r).toMatchObject({ newEioVersion: true, documentId: bad.documentId });
      const batches = await json<{ id: string; qc: string; dossier: { events: { kind: string; page: number | null }[] } }[]>(
        ['batches'],
        archivist,
      );
      const mine = batches.find((b) => b.id === batchId)!;
      expect(mine.qc).toBe('nascan');
      expect(mine.dossier.events.filter((e) => e.kind === 'rescan').map((e) => e.page)).toEqual([bad.page]);

      // Judged again (the rescanned page has no verdict until then) and approved.
      const early = await pk(['qc', 'close', batchId], archivist);
      expect(early.code).toBe(1);
      expect(early.stderr).toContain(`pagina ${bad.page}`);
      expect((await pk(['qc', 'judge', batchId, String(bad.page), '--goed'], archivist)).code).toBe(0);
      expect(await json(['qc', 'close', batchId], archivist)).toEqual({ qc: 'goedgekeurd', faults: [] });

      // Sync twice: the new version and the verklaring go out, once.
      expect((await pk(['sync', '--once'])).code).toBe(0);
      expect((await pk(['sync', '--once'])).code).toBe(0);
      const docs = await json<{ id: string; sha256: string }[]>(['documents']);
      const rescanned = docs.find((d) => d.id === bad.documentId)!;
      const eio = eioOf(bad.documentId);
      expect(eio.versions).toHaveLength(2);
      expect(sha256(eio.versions[1]!.content)).toBe(rescanned.sha256);
      expect(eio.lock).toBe('');
      for (const d of docs.filter((x) => x.id !== bad.documentId)) expect(eioOf(d.id).versions).toHaveLength(1);

      const verklaringen = [...server.state.eios.values()].filter((e) =>
        String(e.versions[0]!.fields.titel).startsWith('Verklaring van vervanging'),
      );
      expect(verklaringen).toHaveLength(1);
      const zaak = [...server.state.zaken.values()].find((z) => z.identificatie === ZAAK)!;
      expect(
        [...server.state.zios.values()].filter((z) => z.informatieobject === verklaringen[0]!.url && z.zaak === zaak.url),
      ).toHaveLength(1);

      // The verklaring as the CLI writes it: the same bytes as delivered, PDF/A that names batch, counts and people.
      const out = join(t.dir, 'verklaring.pdf');
      expect((await pk(['verklaring', batchId, '--out', out], archivist)).code).toBe(0);
      const pdf = readFileSync(out);
      expect(sha256(verklaringen[0]!.versions[0]!.content)).toBe(sha256(pdf));
      execFileSync('qpdf', ['--check', out]);
      const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
      expect(text).toContain(batchId);
      expect(text).toContain('Test Beheerder (test-beheerder)');
      expect(text).toContain('Arie Archivaris (arie)');
      expect(text).toMatch(/Pagina's ontvangen\s+3/);
      expect(text).toMatch(/Pagina's bewaard\s+3/);
      expect(text).toContain('VB-2026-001');

      // The destruction list shows the batch; its destruction is registered by the archivist.
      const list = await json<{ batchId: string; destroyFrom: string; destroyed: unknown }[]>(['vernietiging'], archivist);
      expect(list.map((e) => e.batchId)).toEqual([batchId]);
      expect(list[0]!.destroyed).toBeNull();
      const reg = await pk(['vernietiging', 'registreer', batchId, '--methode', 'versnipperd (Vernietigingsbedrijf)'], archivist);
      expect(reg.code, reg.stderr).toBe(0);
      const after = await json<{ destroyed: { by: string; method: string } | null }[]>(['vernietiging'], archivist);
      expect(after[0]!.destroyed).toMatchObject({ by: 'Arie Archivaris (arie)', method: 'versnipperd (Vernietigingsbedrijf)' });
      const csv = join(t.dir, 'lijst.csv');
      expect((await pk(['vernietiging', 'export', '--format', 'csv', '--out', csv], archivist)).code).toBe(0);
      expect(readFileSync(csv, 'utf8')).toContain(batchId);
    }, 600_000);
  },
);
