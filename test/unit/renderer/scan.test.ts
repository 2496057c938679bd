import { describe, expect, it } from 'vitest';
import type { Scanner } from '../../../src/contract';
import {
  loadSavedScanners,
  mergeScanners,
  scannerFromAddress,
  scannerKey,
  scannerLabel,
  storeSavedScanners,
} from '../../../renderer/features/scan/address';
import { isFinal, scanReducer, startJob, statusLine, type ScanAction, type ScanJobState } from '../../../renderer/features/scan/scanJob';
import { createI18n } from '../../../renderer/i18n';

const B = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const t = (() => {
  const i18n = createI18n('nl');
  return i18n.t.bind(i18n) as (k: string, o?: Record<string, unknown>) => string;
})();

describe('scannerFromAddress', () => {
  it('takes a full eSCL address as it is, without a trailing slash', () => {
    expect(scannerFromAddress('http://192.0.2.10/eSCL')).toEqual({ kind: 'escl', url: 'http://192.0.2.10/eSCL', name: '192.0.2.10' });
    expect(scannerFromAddress('  https://scanner.gemeente.local:8443/eSCL/  ')).toEqual({
      kind: 'escl',
      url: 'https://scanner.gemeente.local:8443/eSCL',
      name: 'scanner.gemeente.local:8443',
    });
  });

  it('fills in http:// and the usual /eSCL path', () => {
    expect(scannerFromAddress('192.0.2.10')?.url).toBe('http://192.0.2.10/eSCL');
    expect(scannerFromAddress('127.0.0.1:8080')?.url).toBe('http://127.0.0.1:8080/eSCL');
    expect(scannerFromAddress('http://[2001:db8::1]/')?.url).toBe('http://[2001:db8::1]/eSCL');
  });

  it('refuses what is no scanner address, and credentials, queries and fragments', () => {
    for (const bad of [
      '',
      '   ',
      'ftp://192.0.2.10/eSCL',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'http://',
      'http://user:geheim@192.0.2.10/eSCL',
      'http://192.0.2.10/eSCL?x=1',
      'http://192.0.2.10/eSCL#a',
      'http://192.0.2.10/ eSCL',
      `http://192.0.2.10/${'a'.repeat(300)}`,
    ]) {
      expect(scannerFromAddress(bad), bad).toBeNull();
    }
  });
});

describe('scanner lists', () => {
  const found: Scanner[] = [
    { kind: 'escl', url: 'http://192.0.2.10/eSCL', name: 'Kyocera TASKalfa (postkamer)' },
    { kind: 'sane', device: 'fujitsu:fi-7160:1234', name: 'Fujitsu fi-7160' },
  ];
  const saved: Scanner[] = [
    { kind: 'escl', url: 'http://192.0.2.10/eSCL', name: '192.0.2.10' },
    { kind: 'escl', url: 'http://192.0.2.20/eSCL', name: '192.0.2.20' },
  ];

  it('lists found scanners first, under their own names, then entered ones, without doubles', () => {
    const merged = mergeScanners(found, saved);
    expect(merged.map((m) => [scannerLabel(t, m), m.saved, m.found])).toEqual([
      ['Kyocera TASKalfa (postkamer)', true, true],
      ['Fujitsu fi-7160', false, true],
      ['Scanner op 192.0.2.20', true, false],
    ]);
    expect(new Set(merged.map((m) => scannerKey(m.scanner))).size).toBe(3);
  });

  it('names a scanner without a name of its own by its address', () => {
    expect(scannerLabel(t, { scanner: { kind: 'escl', url: 'http://192.0.2.30/eSCL', name: '' }, found: true })).toBe(
      'http://192.0.2.30/eSCL',
    );
    expect(scannerLabel(t, { scanner: { kind: 'sane', device: 'epson2:libusb:001:004', name: '' }, found: true })).toBe(
      'epson2:libusb:001:004',
    );
  });

  it('remembers entered scanners in storage and ignores what does not parse', () => {
    const mem = new Map<string, string>();
    const storage = { getItem: (k: string) => mem.get(k) ?? null, setItem: (k: string, v: string) => void mem.set(k, v) };
    storeSavedScanners(storage, saved);
    expect(loadSavedScanners(storage)).toEqual(saved);
    mem.set([...mem.keys()][0], JSON.stringify([{ kind: 'escl', url: 'ftp://x', name: 'x' }, saved[1], 'rubbish']));
    expect(loadSavedScanners(storage)).toEqual([saved[1]]);
    mem.set([...mem.keys()][0], '{not json');
    expect(loadSavedScanners(storage)).toEqual([]);
    expect(loadSavedScanners(undefined)).toEqual([]);
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => storeSavedScanners(full, saved)).not.toThrow();
  });
});

const scan = (
  state: 'scanning' | 'completed' | 'cancelled' | 'failed',
  pages: number,
  batchId = B,
  error: { code: string; message: string } | null = null,
): ScanAction => ({ type: 'scan', event: { batchId, state, pages, error } });
const ended = (
  state: 'completed' | 'cancelled' | 'failed',
  pages: number,
  documents: number | null,
  error: { code: string; message: string } | null = null,
): ScanAction => ({ type: 'ended', event: { batchId: B, state, pages, error }, documents });
const ingest = (stage: 'reading' | 'recognising' | 'storing' | 'done', page: number, batchId = B): ScanAction => ({
  type: 'ingest',
  event: { batchId, file: "2 pagina's", index: 0, total: 0, stage, page, pages: page },
});
const run = (...actions: ScanAction[]): ScanJobState => actions.reduce(scanReducer, startJob('Scanner op 192.0.2.10', 'Post, enkelzijdig'));

describe('scan job', () => {
  it('counts pages as they arrive, then follows the processing, then ends with the documents made', () => {
    const steps: string[] = [];
    let s = startJob('Scanner op 192.0.2.10', 'Post, enkelzijdig');
    for (const a of [
      { type: 'started', batchId: B } as ScanAction,
      scan('scanning', 0),
      scan('scanning', 1),
      scan('scanning', 12),
      ingest('reading', 12),
      ingest('recognising', 1),
      ingest('storing', 1),
      ingest('recognising', 2),
      ended('completed', 12, 3),
    ]) {
      s = scanReducer(s, a);
      steps.push(statusLine(t, s));
    }
    expect(steps).toEqual([
      'Scannen gestart. Wachten op de eerste pagina…',
      'Scannen gestart. Wachten op de eerste pagina…',
      '1 pagina ontvangen',
      "12 pagina's ontvangen",
      "12 pagina's ontvangen",
      "Scanner klaar: 12 pagina's ontvangen. Herkennen en opslaan, pagina 1…",
      "Scanner klaar: 12 pagina's ontvangen. Herkennen en opslaan, pagina 1…",
      "Scanner klaar: 12 pagina's ontvangen. Herkennen en opslaan, pagina 2…",
      "Klaar: 12 pagina's gescand, 3 documenten gemaakt.",
    ]);
    expect(isFinal(s.phase)).toBe(true);
  });

  it('ignores other batches, counts that go backwards, and anything after the end', () => {
    const s = run(
      { type: 'started', batchId: B },
      scan('scanning', 3),
      scan('scanning', 9, OTHER),
      ingest('recognising', 5, OTHER),
      scan('scanning', 2),
    );
    expect([s.phase, s.pages]).toEqual(['scanning', 3]);
    const done = scanReducer(s, ended('completed', 3, 1));
    expect(scanReducer(scanReducer(done, scan('scanning', 7)), { type: 'stop' })).toBe(done);
  });

  it("says what a jam kept, with the core's error for the alert", () => {
    const jam = { code: 'paper-jam', message: 'Papierstoring in de scanner. …' };
    const s = run({ type: 'started', batchId: B }, scan('scanning', 1), ended('failed', 1, 1, jam));
    expect(s.phase).toBe('failed');
    expect(s.error).toEqual(jam);
    expect(statusLine(t, s)).toBe('Scannen mislukt. Bewaard: 1 pagina ontvangen, 1 document gemaakt.');
    expect(statusLine(t, run({ type: 'started', batchId: B }, ended('failed', 0, 0, { code: 'scanner-gone', message: '' })))).toBe(
      "Scannen mislukt. Er zijn geen pagina's ontvangen.",
    );
  });

  it('stops: "Stoppen" while pages come, then what was kept', () => {
    const s = run({ type: 'started', batchId: B }, scan('scanning', 4), { type: 'stop' });
    expect(statusLine(t, s)).toBe("Stoppen… 4 pagina's ontvangen.");
    expect(statusLine(t, scanReducer(s, ended('cancelled', 5, 2)))).toBe("Gestopt: 5 pagina's ontvangen en bewaard, 2 documenten gemaakt.");
    expect(statusLine(t, scanReducer(s, ended('cancelled', 5, null)))).toBe(
      "Gestopt: 5 pagina's ontvangen en bewaard, een onbekend aantal documenten gemaakt.",
    );
  });

  it('a job the core refused to start has no batch and says so', () => {
    const s = run({ type: 'start-failed', error: { code: 'not-found', message: 'Niet gevonden.' } });
    expect([s.phase, s.batchId]).toEqual(['failed', null]);
    expect(statusLine(t, s)).toBe('Scannen kon niet beginnen.');
    expect(statusLine(t, startJob('x', 'y'))).toBe('Verbinden met de scanner…');
  });
});
