// The purge and quality control (src/core/purge.ts): a document stays on the workstation while its batch's QC needs
// its pages — under way, rejected, being rescanned — and, where paper is replaced, until QC has approved the batch.
import { describe, expect, it } from 'vitest';
import { batchQualityControlClosed, keepReason } from '../../../src/core/purge';
import type { PurgeFacts } from '../../../src/store/purge';

const DAY = 86_400_000;
const now = Date.parse('2026-12-07T12:00:00Z');
const facts = (over: Partial<PurgeFacts> = {}): PurgeFacts => ({
  id: 'd',
  batchId: 'b',
  heldAt: null,
  outboxState: 'done',
  deliveredAt: new Date(now - 40 * DAY).toISOString(),
  batchStatus: 'done',
  batchJobState: null,
  qcState: null,
  hasDossier: 1,
  openCorrections: 0,
  ...over,
});

describe('purge and quality control', () => {
  it('keeps a document while its batch is scanned or processed', () => {
    expect(batchQualityControlClosed(facts({ batchStatus: 'processing' }), false)).toBe(false);
    expect(batchQualityControlClosed(facts({ batchJobState: 'scanning' }), false)).toBe(false);
  });
  it('keeps it while QC is under way, rejected or waiting for a rescan; approved it may go', () => {
    for (const qcState of ['steekproef', 'afgekeurd', 'nascan']) expect(keepReason(facts({ qcState }), now, 30)).toBe('qc-open');
    expect(keepReason(facts({ qcState: 'goedgekeurd' }), now, 30, true)).toBeNull();
  });
  it('where paper is replaced, a captured batch waits for its QC; otherwise, and for older batches, it does not', () => {
    expect(keepReason(facts(), now, 30, true)).toBe('qc-open');
    expect(keepReason(facts(), now, 30, false)).toBeNull();
    expect(keepReason(facts({ hasDossier: 0 }), now, 30, true)).toBeNull();
  });
});
