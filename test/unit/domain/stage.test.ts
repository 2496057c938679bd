import { describe, expect, it } from 'vitest';
import { DocumentStage, STAGE_LABELS } from '../../../src/contract/schemas';
import { documentStage, STAGES, zaaknummerSource, type StageFacts } from '../../../src/domain/stage';

const base: StageFacts = { status: 'ready', outbox: null, qcFlags: [] };
const out = (state: NonNullable<StageFacts['outbox']>['state'], reason: string | null = null) => ({ outbox: { state, reason } });

describe('documentStage', () => {
  // Each row: what differs from a recognised document without flags or outbox row → the stage it is in.
  const table: [string, Partial<StageFacts>, (typeof STAGES)[number], string | null][] = [
    ['nothing special', {}, 'klaar-om-te-koppelen', null],
    [
      'outbox needs attention, with the reason',
      out('attention', 'informatieobjecttype ontbreekt'),
      'aandacht-nodig',
      'informatieobjecttype ontbreekt',
    ],
    ['outbox needs attention, no reason given', out('attention'), 'aandacht-nodig', null],
    ['outbox done', out('done'), 'afgeleverd', null],
    ['queued', out('pending'), 'in-outbox', null],
    ['document created on the server', out('document-created'), 'in-outbox', null],
    ['content uploaded', out('content-uploaded'), 'in-outbox', null],
    ['linked, not yet done', out('linked'), 'in-outbox', null],
    ['stored, recognition not started', { status: 'stored' }, 'nieuw', null],
    ['being recognised', { status: 'processing' }, 'nieuw', null],
    ['a QC flag', { qcFlags: ['too-dark'] }, 'te-controleren', null],
    ['recognition failed', { status: 'failed' }, 'te-controleren', null],
    ['seam: an unconfirmed automatic split', { unconfirmedAutoSplit: true }, 'te-controleren', null],
    ['seam: a field below the confidence threshold', { fieldsBelowThreshold: ['afzender'] }, 'te-controleren', null],
    [
      'seam: a confirmed split, all fields confident',
      { unconfirmedAutoSplit: false, fieldsBelowThreshold: [] },
      'klaar-om-te-koppelen',
      null,
    ],
    // The order between the rules: the first that applies wins.
    [
      'attention beats a QC flag and an unfinished recognition',
      { ...out('attention', 'x'), qcFlags: ['blank'], status: 'processing' },
      'aandacht-nodig',
      'x',
    ],
    ['delivered beats a QC flag', { ...out('done', 'old reason'), qcFlags: ['blank'] }, 'afgeleverd', null],
    ['in the outbox beats a QC flag', { ...out('pending'), qcFlags: ['blank'], unconfirmedAutoSplit: true }, 'in-outbox', null],
    ['in the outbox beats an unfinished recognition', { ...out('pending'), status: 'stored' }, 'in-outbox', null],
    ['new beats a QC flag', { status: 'processing', qcFlags: ['blank'], fieldsBelowThreshold: ['titel'] }, 'nieuw', null],
  ];
  it.each(table)('%s', (_name, facts, stage, reason) => {
    expect(documentStage({ ...base, ...facts })).toEqual({ stage, reason });
  });

  it('a document handed back by a supervisor waits in te-controleren with the note as its reason, until it is linked again', () => {
    const note = 'Zoek de zaak op via de afzender.';
    expect(documentStage({ ...base, handBackNote: note })).toEqual({ stage: 'te-controleren', reason: note });
    expect(documentStage({ ...base, handBackNote: null })).toEqual({ stage: 'klaar-om-te-koppelen', reason: null });
    // Recognition not finished comes first; a new link (an outbox row) wins over the note.
    expect(documentStage({ ...base, status: 'processing', handBackNote: note })).toEqual({ stage: 'nieuw', reason: null });
    expect(documentStage({ ...base, outbox: { state: 'pending', reason: null }, handBackNote: note }).stage).toBe('in-outbox');
  });

  it('the rules follow the order of the six names, and every name is reached', () => {
    expect(STAGES).toEqual(['aandacht-nodig', 'afgeleverd', 'in-outbox', 'nieuw', 'te-controleren', 'klaar-om-te-koppelen']);
    expect(new Set(table.map((r) => r[2]))).toEqual(new Set(STAGES));
  });

  it('the contract names the same six stages, each with a Dutch and an English label', () => {
    expect(DocumentStage.options).toEqual([...STAGES]);
    for (const s of STAGES) {
      expect(STAGE_LABELS[s].nl.length).toBeGreaterThan(0);
      expect(STAGE_LABELS[s].en.length).toBeGreaterThan(0);
    }
    expect(STAGE_LABELS['aandacht-nodig'].nl).toBe('Aandacht nodig');
  });
});

describe('zaaknummerSource', () => {
  const table: [string, Parameters<typeof zaaknummerSource>[0], ReturnType<typeof zaaknummerSource>][] = [
    ['none anywhere', { linked: null, separator: null, found: null }, null],
    ['read on the page', { linked: null, separator: null, found: 'Z-2024-001' }, 'page'],
    ['from a separator sheet', { linked: null, separator: 'Z-2024-002', found: null }, 'separator'],
    ['a separator sheet beats the page', { linked: null, separator: 'Z-2024-002', found: 'Z-2024-001' }, 'separator'],
    ['linked to the one on the page', { linked: 'z-2024-001 ', separator: null, found: 'Z-2024-001' }, 'page'],
    ['linked to the separator sheet’s', { linked: 'Z-2024-002', separator: 'Z-2024-002', found: 'Z-2024-001' }, 'separator'],
    ['linked to another zaak: typed', { linked: 'Z-2024-009', separator: 'Z-2024-002', found: 'Z-2024-001' }, 'manual'],
    ['linked, nothing recognised: typed', { linked: 'Z-2024-009', separator: null, found: null }, 'manual'],
    ['an empty link counts as none', { linked: ' ', separator: null, found: 'Z-2024-001' }, 'page'],
  ];
  it.each(table)('%s', (_name, input, source) => {
    expect(zaaknummerSource(input)).toBe(source);
  });
});
