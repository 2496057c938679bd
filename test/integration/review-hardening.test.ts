// Findings of the attack review after the hardening (same classes as the outside review's): a BSN in a file name,
// an event, an error, a server's reason or a clerk's description; a BSN asked of the search from the UI; control
// characters in typed text. Real store on disk, the core's own dispatch (the web harness's WebSocket carries the same
// calls: test/integration/web-harness-hardening.test.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallContext, Core } from '../../src/core/core';
import { openCore } from '../../src/hosts/open';
import { showOutboxItem } from '../../src/core/display';
import { explainFailure } from '../../src/sync/explain';
import { makeBsn } from '../support/letters';
import { PASSPHRASE, tempDir } from '../support/cli';
import { callFailure, call } from '../support/core-call';
import { signedInAs } from '../support/people';

const cli: CallContext = { origin: 'cli', connection: 'cli-t' };
const web: CallContext = { origin: 'web', connection: 'web-clerk' };
const bsn = makeBsn({ int: (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1)) });
const dotted = `${bsn.slice(0, 3)}.${bsn.slice(3, 6)}.${bsn.slice(6)}`;
const squeeze = (v: unknown) => JSON.stringify(v).replace(/[\s.\-_/\\]/g, '');

describe('attack review: BSN and typed text', () => {
  let core: Core;
  let dir: string;
  beforeAll(async () => {
    dir = tempDir();
    core = await openCore(join(dir, 'store'), PASSPHRASE, { create: true });
  });
  afterAll(async () => {
    await core?.close();
  });

  it('a clerk may not ask which documents hold a BSN (any spacing, any channel); an archivist may, with a reason', async () => {
    for (const origin of ['web', 'cli'] as const) {
      const clerk = await signedInAs(core, ['medewerker'], origin);
      for (const query of [bsn, dotted, `${bsn.slice(0, 4)} ${bsn.slice(4, 6)} ${bsn.slice(6)}`, `brief ${bsn}`]) {
        const r = await core.call('documents.search', { query, reason: 'controle van een bezwaar' }, clerk);
        expect(r.ok, query).toBe(false);
        if (!r.ok) {
          expect(r.error.code, query).toBe('forbidden');
          expect(r.error.message).toMatch(/BSN/);
        }
      }
      // An ordinary number (no 11-proef) is an ordinary search.
      expect(await core.call('documents.search', { query: '123456789' }, clerk)).toEqual({ ok: true, data: [] });
    }
    const archivist = await signedInAs(core, ['archivaris'], 'web');
    expect(await core.call('documents.search', { query: bsn, reason: 'controle van een bezwaar' }, archivist)).toEqual({
      ok: true,
      data: [],
    });
  });

  it('an ingest answer, its error texts and its progress events show a file name with a BSN masked', async () => {
    const events: unknown[] = [];
    const off = core.on((name, data) => name === 'ingest.progress' && events.push(data));
    try {
      const missing = join(dir, `brief ${bsn}.pdf`);
      const empty = join(dir, `leeg ${dotted}.pdf`);
      writeFileSync(empty, '');
      const r = await call(core, 'ingest.paths', { paths: [missing, empty], source: 'cli' }, cli);
      expect(r.errors.length).toBe(2);
      expect(squeeze(r)).not.toContain(bsn);
      const upload = await callFailure(core, 'upload.begin', { name: `scan ${bsn}.pdf`, size: 0 }, web);
      expect(upload.code).toBe('file-empty');
      expect(squeeze(upload)).not.toContain(bsn);
    } finally {
      off();
    }
    expect(squeeze(events)).not.toContain(bsn);
  });

  it("a server's reason and a clerk's description are shown masked", () => {
    const reason = explainFailure({
      kind: 'http',
      status: 403,
      problem: {
        code: 'permission_denied',
        detail: `Geen toegang tot gegevens van BSN ${bsn} (${dotted})`,
        title: 'x',
        status: 403,
      } as never,
    });
    expect(reason).toMatch(/Geen toegang/);
    expect(squeeze(reason)).not.toContain(bsn);
    const invalid = explainFailure({
      kind: 'http',
      status: 400,
      problem: { invalidParams: [{ name: `veld ${bsn}`, code: `c${bsn}`, reason: 'x' }] } as never,
    });
    expect(squeeze(invalid)).not.toContain(bsn);
    const item = showOutboxItem({
      title: `Bezwaar ${bsn}`,
      newZaak: { zaaktype: 'ZT', omschrijving: `Bezwaar van BSN ${bsn}` },
      lastError: `BSN ${dotted}`,
    });
    expect(squeeze(item)).not.toContain(bsn);
    expect(item.newZaak?.zaaktype).toBe('ZT');
  });

  it('typed text with a control character or a lone surrogate is invalid input, with the reason in Dutch', async () => {
    const doc = '00000000-0000-4000-8000-000000000000';
    const cases: [string, unknown][] = [
      ['sync.link', { documentId: doc, zaaknummer: 'ZAAK\u00001' }],
      ['sync.newZaak', { documentId: doc, zaaktype: 'ZT-BEZWAAR\u0000', omschrijving: 'a' }],
      ['sync.newZaak', { documentId: doc, zaaktype: 'ZT', omschrijving: 'a\u0000b' }],
      ['sync.newZaak', { documentId: doc, zaaktype: 'ZT', omschrijving: 'a', initiator: { naam: '\u001b[31m' } }],
      ['sync.zaken.search', { query: '\u0000' }],
      ['upload.begin', { name: 'a\u0000b.pdf', size: 10 }],
      ['upload.begin', { name: 'a\ud800b.pdf', size: 10 }],
      ['documents.search', { query: 'brief\ud83d' }],
    ];
    for (const [cmd, input] of cases) {
      const err = await callFailure(core, cmd as never, input, web);
      expect(err.code, `${cmd} ${JSON.stringify(input)}`).toBe('invalid-input');
      expect(JSON.stringify(err.details)).toMatch(/stuurteken/);
    }
    const profiles = await call(core, 'profiles.list', {}, web);
    const p = profiles.find((x) => !x.locked)!;
    const err = await callFailure(core, 'profiles.save', { profile: { ...p, label: 'a\u0000b' } }, web);
    expect(err.code).toBe('invalid-input');
  });
});
