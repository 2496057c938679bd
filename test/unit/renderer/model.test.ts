import { describe, expect, it } from 'vitest';
import type { Batch, DocumentSummary } from '../../../src/contract';
import { batchesFingerprint, flatDocuments, groupByBatch, moveIndex, progressView } from '../../../renderer/features/inbox/model';
import { previewFor, versionedUrl } from '../../../renderer/features/document/preview';
import { reconnectDelay } from '../../../renderer/app/bridge';
import { parsePostkamerUrl } from '../../../main/urls';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const batch = (n: number, createdAt: string, extra: Partial<Batch> = {}): Batch => ({
  id: uuid(n),
  createdAt,
  source: 'import',
  profile: null,
  label: `b${n}`,
  status: 'done',
  documentCount: 0,
  rejectedCount: 0,
  ...extra,
});
const doc = (n: number, batchId: string, createdAt: string, fileName = `f${n}.pdf`): DocumentSummary => ({
  id: uuid(100 + n),
  batchId,
  title: `t${n}`,
  fileName,
  seq: n,
  mime: 'application/pdf',
  originalMime: 'application/pdf',
  hasPdf: false,
  size: 1,
  sha256: '0'.repeat(64),
  status: 'stored',
  pageCount: 1,
  qcFlags: [],
  containsBsn: false,
  extracted: { zaaknummer: null, letterDate: null, kenmerk: null, kvk: null, iban: null, postcode: null, sender: null },
  zaaknummer: null,
  stage: 'nieuw',
  stageReason: null,
  zaaknummerSource: null,
  fields: Object.fromEntries(
    [
      'titel',
      'afzender',
      'afzenderAdres',
      'afzenderPostcode',
      'datumBrief',
      'ontvangstdatum',
      'kenmerk',
      'onderwerp',
      'documenttype',
      'vertrouwelijkheid',
    ].map((k) => [k, { value: null, source: null, confidence: null }]),
  ) as DocumentSummary['fields'],
  autoSplit: false,
  version: 1,
  createdAt,
  updatedAt: createdAt,
});

describe('groupByBatch', () => {
  it('puts batches newest first and documents in the order of the stack (seq) within each', () => {
    const b1 = batch(1, '2025-03-01T08:00:00.000Z');
    const b2 = batch(2, '2025-03-01T09:00:00.000Z');
    // A split puts the new document right after the old one (seq), though it was made later.
    const docs = [
      { ...doc(1, b1.id, '2025-03-01T08:00:01.000Z'), seq: 0 },
      { ...doc(2, b1.id, '2025-03-01T08:05:00.000Z'), seq: 1 },
      { ...doc(4, b1.id, '2025-03-01T08:00:02.000Z'), seq: 2 },
      doc(3, b2.id, '2025-03-01T09:00:01.000Z'),
    ];
    const groups = groupByBatch([b1, b2], docs);
    expect(groups.map((g) => g.batchId)).toEqual([b2.id, b1.id]);
    expect(groups[1].documents.map((d) => d.title)).toEqual(['t1', 't2', 't4']);
    expect(flatDocuments(groups).map((d) => d.title)).toEqual(['t3', 't1', 't2', 't4']);
  });

  it('breaks ties of seq by time, then by file name, numerically', () => {
    const b = batch(1, '2025-03-01T08:00:00.000Z');
    const t = '2025-03-01T08:00:01.000Z';
    const same = (n: number, createdAt: string, name: string) => ({ ...doc(n, b.id, createdAt, name), seq: 0 });
    const groups = groupByBatch([b], [same(1, t, 'scan-10.pdf'), same(2, t, 'scan-9.pdf'), same(3, '2025-03-01T08:00:00.500Z', 'z.pdf')]);
    expect(groups[0].documents.map((d) => d.fileName)).toEqual(['z.pdf', 'scan-9.pdf', 'scan-10.pdf']);
  });

  it('shows a document whose batch is not listed yet first, under an unknown batch', () => {
    const b = batch(1, '2025-03-01T08:00:00.000Z');
    const groups = groupByBatch([b], [doc(1, uuid(9), '2025-03-01T10:00:00.000Z')]);
    expect(groups.map((g) => [g.batchId, g.batch?.id ?? null, g.documents.length])).toEqual([
      [uuid(9), null, 1],
      [b.id, b.id, 0],
    ]);
  });
});

describe('batchesFingerprint', () => {
  it('changes when another process adds a batch, a document or finishes a batch', () => {
    const b = batch(1, '2025-03-01T08:00:00.000Z', { status: 'processing', documentCount: 1 });
    const base = batchesFingerprint([b]);
    expect(batchesFingerprint([{ ...b }])).toBe(base);
    expect(batchesFingerprint([{ ...b, documentCount: 2 }])).not.toBe(base);
    expect(batchesFingerprint([{ ...b, status: 'done' }])).not.toBe(base);
    expect(batchesFingerprint([{ ...b, rejectedCount: 1 }])).not.toBe(base);
    expect(batchesFingerprint([batch(2, '2025-03-02T08:00:00.000Z'), b])).not.toBe(base);
  });
});

describe('moveIndex', () => {
  it('moves with arrows, pages, Home and End, and stays inside the list', () => {
    expect(moveIndex('ArrowDown', 0, 3)).toBe(1);
    expect(moveIndex('ArrowDown', 2, 3)).toBe(2);
    expect(moveIndex('ArrowUp', 0, 3)).toBe(0);
    expect(moveIndex('PageDown', 0, 25)).toBe(10);
    expect(moveIndex('PageDown', 20, 25)).toBe(24);
    expect(moveIndex('PageUp', 5, 25)).toBe(0);
    expect(moveIndex('Home', 7, 25)).toBe(0);
    expect(moveIndex('End', 7, 25)).toBe(24);
  });
  it('ignores other keys and empty lists', () => {
    expect(moveIndex('a', 0, 3)).toBeNull();
    expect(moveIndex('Enter', 0, 3)).toBeNull();
    expect(moveIndex('ArrowDown', 0, 0)).toBeNull();
  });
});

describe('progressView', () => {
  const base = { batchId: uuid(1), file: 'brief.pdf' };
  it('shows pages of the file being recognised', () => {
    const v = progressView({ ...base, index: 0, total: 0, stage: 'recognising', page: 3, pages: 12 });
    expect(v.text).toEqual({ key: 'inbox.progressPage', params: { page: 3, pages: 12, file: 'brief.pdf' } });
    expect([v.value, v.max]).toEqual([2, 12]);
    expect(progressView({ ...base, index: 0, total: 0, stage: 'storing', page: 12, pages: 12 }).value).toBe(12);
  });
  it('shows files while they are received', () => {
    const v = progressView({ ...base, index: 1, total: 5, stage: 'reading' });
    expect(v.text).toEqual({ key: 'inbox.progressFile', params: { index: 2, total: 5, file: 'brief.pdf' } });
    expect([v.value, v.max]).toEqual([1, 5]);
  });
  it('says when a file is done or failed', () => {
    expect(progressView({ ...base, index: 0, total: 0, stage: 'done' }).text.key).toBe('inbox.progressFileDone');
    expect(progressView({ ...base, index: 0, total: 1, stage: 'failed' }).text.key).toBe('inbox.progressFileFailed');
  });
});

describe('previewFor', () => {
  it('shows the searchable PDF once there is one, whatever came in (it holds every page as arranged)', () => {
    expect(previewFor({ hasPdf: true, originalMime: 'image/jpeg' })).toEqual({ kind: 'pdf', blob: 'pdf' });
    expect(previewFor({ hasPdf: true, originalMime: 'application/pdf' })).toEqual({ kind: 'pdf', blob: 'pdf' });
    expect(previewFor({ hasPdf: true, originalMime: 'image/tiff' })).toEqual({ kind: 'pdf', blob: 'pdf' });
  });
  it('before that, shows an original the browser can show: an image, or a PDF in its viewer', () => {
    expect(previewFor({ hasPdf: false, originalMime: 'image/png' })).toEqual({ kind: 'image' });
    expect(previewFor({ hasPdf: false, originalMime: 'image/jpeg' })).toEqual({ kind: 'image' });
    expect(previewFor({ hasPdf: false, originalMime: 'application/pdf' })).toEqual({ kind: 'pdf', blob: 'original' });
  });
  it('offers none where the browser cannot show the file', () => {
    expect(previewFor({ hasPdf: false, originalMime: 'image/tiff' })).toEqual({ kind: 'none' });
    expect(previewFor({ hasPdf: false, originalMime: 'application/octet-stream' })).toEqual({ kind: 'none' });
  });
});

describe('versionedUrl', () => {
  it('leaves the first URL alone and gives every later version its own address, in the fragment', () => {
    expect(versionedUrl('/blob/x/pdf', 0)).toBe('/blob/x/pdf');
    expect(versionedUrl('/blob/x/pdf', 3)).toBe('/blob/x/pdf#v=3');
    expect(versionedUrl('postkamer://blob/x/pdf#v=2', 4)).toBe('postkamer://blob/x/pdf#v=4');
  });
  it('is still a blob URL the app protocol serves (it refuses one with a query)', () => {
    const url = 'postkamer://blob/0f8fad5b-d9cb-469f-a165-70867728950e/pdf';
    expect(parsePostkamerUrl(`${url}?v=7`)).toBeNull();
    expect(parsePostkamerUrl(versionedUrl(url, 7))).toEqual({
      kind: 'blob',
      documentId: '0f8fad5b-d9cb-469f-a165-70867728950e',
      variant: 'pdf',
    });
  });
});

describe('reconnectDelay', () => {
  it('backs off from about half a second to at most about ten seconds', () => {
    expect(reconnectDelay(0, () => 0.5)).toBe(500);
    expect(reconnectDelay(1, () => 0.5)).toBe(1000);
    expect(reconnectDelay(10, () => 0.5)).toBe(10_000);
    expect(reconnectDelay(10, () => 1)).toBe(12_500);
    expect(reconnectDelay(0, () => 0)).toBe(375);
  });
});
