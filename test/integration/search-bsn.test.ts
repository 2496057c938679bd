// No full BSN in any text the core shows: a letter with a BSN goes through the real ingest path into the real
// encrypted store, then every display path (search through the core and the CLI, plain and --json; the text;
// the document list) is searched for the BSN's digits with every separator removed. Searching by the BSN itself takes
// the right to see one (archivaris, teamleider) and a reason (test/integration/bsn-reveal.test.ts has the record it
// leaves). Also: a query the full-text index cannot parse (NUL, an unbalanced quote, bare operators) is the caller's
// mistake, not `internal`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostkamerError } from '../../src/contract/errors';
import type { CommandInput, CommandName } from '../../src/contract/commands';
import { searchDocuments } from '../../src/store/documents';
import type { CallContext, Core } from '../../src/core/core';
import { openCore } from '../../src/hosts/open';
import { PASSPHRASE, runCli, tempDir } from '../support/cli';
import { makeBsn } from '../support/letters';
import { textPdf } from '../support/scans';
import { call as coreCall } from '../support/core-call';
import { signedInAs } from '../support/people';

/** The local CLI, signed in as the test administrator (all four roles, so also the right to search by BSN). */
const cli: CallContext = { origin: 'cli', connection: 'search-bsn-cli' };
/** A clerk in the web harness (set in beforeAll). */
let web: CallContext;
const REASON = 'controle van de maskering in de zoekresultaten';

// A fixed seed would do too; a fresh BSN each run keeps the test from leaning on one number.
let seed = Date.now() % 2147483647;
const rng = { int: (min: number, max: number) => min + ((seed = (seed * 48271) % 2147483647) % (max - min + 1)) };
const bsn = makeBsn(rng);
const spaced = `${bsn.slice(0, 4)} ${bsn.slice(4, 6)} ${bsn.slice(6)}`;
const dotted = `${bsn.slice(0, 3)}.${bsn.slice(3, 6)}.${bsn.slice(6)}`;

/** The output with every separator a BSN can be written with (and the hit marks, \u0002 and \u0003) removed. */
// eslint-disable-next-line no-control-regex -- the search's hit marks are control characters on purpose
const squeeze = (s: string) => s.replace(/[\s.\-–_/\\,;:|[\]'"*…\u0002\u0003]/g, '');
const expectNoBsn = (label: string, out: unknown) => {
  const text = typeof out === 'string' ? out : JSON.stringify(out);
  expect(squeeze(text).includes(bsn), `${label} shows the full BSN: ${text.slice(0, 2000)}`).toBe(false);
};

describe('no full BSN in any shown text', () => {
  let dir: string;
  let data: string;
  let core: Core | null = null;
  let docId: string;

  const call = <C extends CommandName>(cmd: C, input: CommandInput<C>, ctx: CallContext = cli) => coreCall(core!, cmd, input, ctx);

  beforeAll(async () => {
    dir = tempDir();
    data = join(dir, 'store');
    const file = join(dir, `bezwaar-${bsn}.pdf`);
    writeFileSync(
      file,
      textPdf([
        'Geachte heer, mevrouw,',
        `Betreft: bezwaar ${bsn}`,
        'Hierbij maak ik bezwaar tegen de beschikking die ik op drie maart van u ontving.',
        `Mijn burgerservicenummer is ${bsn}.`,
        'Ik ben het niet eens met de hoogte van de aanslag en de manier waarop die is berekend.',
        'De woning is kleiner dan in uw brief staat en de tuin ligt grotendeels op gemeentegrond.',
        'Ik verzoek u de beschikking te herzien en mij daarover schriftelijk te berichten.',
        `Voor de zekerheid nogmaals in groepen: ${spaced}`,
        `En zoals het op mijn pas staat: ${dotted}`,
        'Met vriendelijke groet,',
        'J. de Vries',
      ]),
    );
    // An empty file named after the BSN: refused, and listed with its name and reason.
    const empty = join(dir, `leeg ${dotted}.pdf`);
    writeFileSync(empty, '');
    core = await openCore(data, PASSPHRASE, { create: true });
    const r = await call('ingest.paths', { paths: [file, empty], source: 'cli' }, cli);
    expect(r.errors).toHaveLength(1);
    expect(r.documents).toHaveLength(1);
    docId = r.documents[0]!.id;
    web = await signedInAs(core, ['medewerker'], 'web');
  }, 180_000);

  afterAll(async () => {
    await core?.close();
  });

  it('documents.search (core) finds the letter by the BSN in every form and never shows it', async () => {
    // Asking for a BSN itself takes a reason (and the right to see one); words do not.
    for (const query of [bsn, 'burgerservicenummer', spaced, dotted, 'zekerheid nogmaals', 'pas staat']) {
      const names = query === bsn || query === spaced || query === dotted;
      const hits = await call('documents.search', { query, ...(names ? { reason: REASON } : {}) }, cli);
      expect(
        hits.map((h) => h.id),
        `search "${query}" finds the letter`,
      ).toContain(docId);
      expectNoBsn(`documents.search "${query}"`, hits);
      // The hit stays marked where it was not a BSN.
      if (query === 'burgerservicenummer') expect(hits[0]!.snippet).toMatch(/\[burgerservicenummer\]/i);
    }
  });

  it('a clerk may search words, not a BSN; asked without a reason, even the right role is refused', async () => {
    const words = await call('documents.search', { query: 'burgerservicenummer' }, web);
    expect(words.map((h) => h.id)).toContain(docId);
    for (const query of [bsn, spaced, dotted, `brief ${bsn}`]) {
      const clerk = await core!.call('documents.search', { query, reason: REASON }, web);
      expect(clerk, query).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expectNoBsn(`the clerk's refusal for "${query}"`, clerk);
      const noReason = await core!.call('documents.search', { query }, cli);
      expect(noReason, query).toMatchObject({ ok: false, error: { code: 'invalid-input', details: { issues: [{ path: 'reason' }] } } });
      expectNoBsn(`the refusal without a reason for "${query}"`, noReason);
    }
  });

  it('documents.text, documents.get and documents.list never show it', async () => {
    const text = await call('documents.text', { id: docId });
    expect(text.text).toMatch(/groepen/);
    expectNoBsn('documents.text', text);
    expectNoBsn('documents.get', await call('documents.get', { id: docId }));
    expectNoBsn('documents.list', await call('documents.list', {}));
    const rejected = await call('rejections.list', {});
    expect(rejected).toHaveLength(1);
    expectNoBsn('rejections.list', rejected);
  });

  it('a query with NUL or another control character is invalid input, not an internal error', async () => {
    for (const query of ['bezwaar\u0000', '\u0000', 'a\u0007b', 'bez\u001bwaar']) {
      const r = await core!.call('documents.search', { query }, web);
      expect(r.ok).toBe(false);
      expect((r as { error: { code: string } }).error.code).toBe('invalid-input');
      expect(JSON.stringify((r as { error: { details?: unknown } }).error.details)).toMatch(/stuurteken/);
    }
  });

  it('the store turns an FTS5 syntax error into invalid input with a Dutch reason (below the schema check)', () => {
    let caught: unknown;
    try {
      searchDocuments(core!.store.db, 'bezwaar\u0000', 10);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(PostkamerError);
    expect((caught as PostkamerError).code).toBe('invalid-input');
    expect((caught as PostkamerError).message).toMatch(/zoekterm/);
  });

  it('a query the full-text index cannot read is never an internal error', async () => {
    for (const query of [
      'bezwaar "',
      '"',
      'AND OR',
      'NEAR(',
      '*',
      '-',
      '^bezwaar',
      'bezwaar*',
      '""""',
      ':',
      'title:bezwaar',
      '\u00ad',
      '\ufeff',
    ]) {
      const r = await core!.call('documents.search', { query }, web);
      if (!r.ok) {
        expect(r.error.code, `query ${JSON.stringify(query)}: ${r.error.message}`).toBe('invalid-input');
        // The reason, in Dutch: in the message, or per field for a query the schema refused.
        expect(`${r.error.message} ${JSON.stringify(r.error.details ?? {})}`).toMatch(/zoekterm/i);
      }
    }
  });

  it('the CLI (search plain and --json, text, documents) never shows it', async () => {
    await core!.close();
    core = null;
    for (const json of [false, true]) {
      const r = await runCli(['search', 'burgerservicenummer', ...(json ? ['--json'] : []), '--data', data]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout, `postkamer search "burgerservicenummer" finds the letter`).toContain(json ? docId : docId.slice(0, 8));
      expectNoBsn(`postkamer search "burgerservicenummer"${json ? ' --json' : ''}`, r.stdout + r.stderr);
    }
    // A BSN without a reason is refused, naming the reason it needs, and still shows no BSN.
    for (const query of [bsn, spaced, dotted]) {
      const r = await runCli(['search', query, '--data', data]);
      expect(r.code, r.stdout).toBe(1);
      expect(r.stderr).toMatch(/geef een reden op/);
      expectNoBsn(`postkamer search "${query}"`, r.stdout + r.stderr);
    }
    for (const args of [
      ['text', docId],
      ['text', docId, '--json'],
      ['documents'],
      ['documents', '--json'],
      ['rejected'],
      ['rejected', '--json'],
    ]) {
      const r = await runCli([...args, '--data', data]);
      expect(r.code, r.stderr).toBe(0);
      expectNoBsn(`postkamer ${args.join(' ')}`, r.stdout + r.stderr);
    }
    // Open again for whichever test runs next (the order is not fixed).
    core = await openCore(data, PASSPHRASE);
    web = await signedInAs(core, ['medewerker'], 'web');
  }, 300_000);
});
