// The two te-controleren reasons that rest on more than the document's own choice (issue 16), through the core and
// the CLI against the test zaaksysteem: a type its zaaktype rarely has (zelden-gebruikt: judged against the other
// documents of that zaaktype here, and gone once the type is no longer rare) and a page read with low OCR confidence
// (lage-zekerheid). The queue (SQL) and the document (the rule) agree, and documents --json carries the reasons.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/core';
import { runCli } from '../support/cli';
import { signedInAs } from '../support/people';
import { startZgwServer, type ZgwServer } from '../zgw-server';
import { call, ingestPdfs, openStoreWithConnection, openTestCore, PASSPHRASE, tempDir } from './sync-support';

let server: ZgwServer;
let t: ReturnType<typeof tempDir>;
let core: Core;
let ids: string[];
const ZAAK = 'ZAAK-2026-0000000001'; // zaaktype Bezwaar: Inkomende brief and Bezwaarschrift allowed

beforeAll(async () => {
  server = await startZgwServer({ seed: 'demo' });
  t = tempDir('classification-reasons');
  core = await openStoreWithConnection(t.dir, server);
  await call(core, 'sync.refresh', {});
  ids = await ingestPdfs(core, 14, { offset: 900 });
  // Eleven Bezwaarschriften and one Inkomende brief in zaken of zaaktype Bezwaar (nothing is delivered: no sync.run).
  for (const id of ids.slice(0, 11)) await call(core, 'sync.link', { documentId: id, zaaknummer: ZAAK, documenttype: 'Bezwaarschrift' });
  await call(core, 'sync.link', { documentId: ids[11]!, zaaknummer: ZAAK, documenttype: 'Inkomende brief' });
}, 120_000);

afterAll(async () => {
  await core?.close();
  await server?.close();
  t?.cleanup();
});

const toCheck = async () =>
  Object.fromEntries(
    (await call(core, 'classification.queue', { filter: { state: 'te-controleren' }, limit: 100 })).items.map((i) => [i.id, i.reasons]),
  );

describe('te controleren for a reason beyond the document', () => {
  it('a type its zaaktype rarely has: 1 of 12 typed documents of zaaktype Bezwaar', async () => {
    expect(await toCheck()).toEqual({ [ids[11]!]: ['zelden-gebruikt'] });
    expect(await call(core, 'classification.get', { id: ids[11]! })).toMatchObject({
      state: 'te-controleren',
      reasons: ['zelden-gebruikt'],
      documenttype: 'Inkomende brief',
    });
    // A Bezwaarschrift is common there: classified.
    expect((await call(core, 'classification.get', { id: ids[0]! })).state).toBe('geclassificeerd');
  });

  it('a page read with low OCR confidence, once the document has a type', async () => {
    // The recognition stores this flag on a page it read below its confidence threshold (recognise/qc.test.ts); a
    // generated letter reads cleanly, so the flag is set here as the recognition would have stored it.
    core.store.db.prepare(`UPDATE documents SET qc_flags = '["low-ocr-confidence"]' WHERE id = ?`).run(ids[12]!);
    expect((await call(core, 'classification.get', { id: ids[12]! })).state).toBe('niet-geclassificeerd');
    await call(core, 'documents.edit', { id: ids[12]!, set: { documenttype: 'Factuur' } });
    expect(await toCheck()).toEqual({ [ids[11]!]: ['zelden-gebruikt'], [ids[12]!]: ['lage-zekerheid'] });
  });

  it('documents --json carries the reasons, read from the same store by another process', async () => {
    await core.close();
    const list = await runCli(['documents', '--json', '--data', t.dir], { env: { POSTKAMER_PASSPHRASE: PASSPHRASE } });
    core = await openTestCore(t.dir);
    expect(list.code, list.stderr).toBe(0);
    const byId = Object.fromEntries(
      (JSON.parse(list.stdout) as { id: string; classification: { state: string; reasons: string[] } }[]).map((d) => [
        d.id,
        d.classification,
      ]),
    );
    expect(byId[ids[11]!]).toMatchObject({ state: 'te-controleren', reasons: ['zelden-gebruikt'] });
    expect(byId[ids[12]!]).toMatchObject({ state: 'te-controleren', reasons: ['lage-zekerheid'] });
  });

  it('is no longer rare once the zaaktype has more of that type; reviewed is classified whatever the reasons', async () => {
    // Two more Inkomende brieven (linking with a type gives the document that type): 3 of 14 is not rare.
    await call(core, 'sync.link', { documentId: ids[13]!, zaaknummer: ZAAK, documenttype: 'Inkomende brief' });
    await call(core, 'sync.link', { documentId: ids[12]!, zaaknummer: ZAAK, documenttype: 'Inkomende brief' });
    const now = await toCheck();
    expect(now[ids[11]!]).toBeUndefined();
    // ids[12] is an Inkomende brief now, still read with low confidence.
    expect(now[ids[12]!]).toEqual(['lage-zekerheid']);
    expect((await call(core, 'classification.get', { id: ids[12]! })).documenttype).toBe('Inkomende brief');
    const archivist = await signedInAs(core, ['archivaris']);
    const r = await core.call('classification.bulk', { ids: [ids[12]!], reviewed: true }, archivist);
    expect(r).toMatchObject({ ok: true, data: { changed: 1 } });
    expect(await toCheck()).toEqual({});
  });
});
