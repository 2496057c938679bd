// The rules of quality control and of destroying paper: current verdicts from the dossier's events (a rescan clears
// the verdict before it), closing a round, and why paper may not go yet.
import { describe, expect, it } from 'vitest';
import { closeRound, currentVerdicts, destroyFrom, destructionReasons, stateAfterRescan, type QcEvent } from '../../../src/domain/qc';

const ev = (
  kind: string,
  page: number | null,
  by: string,
  verdict: 'goed' | 'fout' | null = null,
  reason: string | null = null,
): QcEvent => ({
  kind,
  page,
  by,
  at: '2026-12-07T10:00:00.000Z',
  verdict,
  reason,
});

describe('currentVerdicts', () => {
  it('takes the last judgement, cleared by a later rescan, and ignores pages outside the sample', () => {
    const v = currentVerdicts(
      [2, 5, 9],
      [
        ev('qc-start', null, 'arie'),
        ev('qc-judge', 2, 'arie', 'fout', 'onleesbaar'),
        ev('qc-judge', 5, 'arie', 'goed'),
        ev('qc-judge', 7, 'arie', 'fout', 'incompleet'), // not sampled
        ev('rescan', 2, 'clara'),
        ev('qc-judge', 9, 'arie', 'fout', 'incompleet'),
        ev('qc-judge', 9, 'arie', 'goed'), // changed their mind
      ],
    );
    expect(v).toEqual([
      { page: 2, verdict: null, reason: null, judgedBy: null, judgedAt: null, rescans: 1, rescannedBy: 'clara' },
      { page: 5, verdict: 'goed', reason: null, judgedBy: 'arie', judgedAt: '2026-12-07T10:00:00.000Z', rescans: 0, rescannedBy: null },
      { page: 9, verdict: 'goed', reason: null, judgedBy: 'arie', judgedAt: '2026-12-07T10:00:00.000Z', rescans: 0, rescannedBy: null },
    ]);
  });
});

describe('closeRound', () => {
  const judged = (verdicts: ('goed' | 'fout' | null)[]) =>
    currentVerdicts(
      verdicts.map((_, i) => i + 1),
      verdicts.flatMap((v, i) => (v ? [ev('qc-judge', i + 1, 'arie', v, v === 'fout' ? 'scheef-afgesneden' : null)] : [])),
    );
  it('refuses while a page has no verdict, naming it', () => {
    expect(closeRound(judged(['goed', null, 'goed', null]))).toEqual({ ok: false, unjudged: [2, 4] });
  });
  it('approves when every page is goed, rejects with the faulty pages otherwise', () => {
    expect(closeRound(judged(['goed', 'goed']))).toEqual({ ok: true, qc: 'goedgekeurd', faults: [] });
    expect(closeRound(judged(['goed', 'fout', 'fout']))).toEqual({
      ok: true,
      qc: 'afgekeurd',
      faults: [
        { page: 2, reden: 'scheef-afgesneden' },
        { page: 3, reden: 'scheef-afgesneden' },
      ],
    });
  });
  it('a rejected batch goes to nascan when a page is rescanned; other states stay', () => {
    expect(stateAfterRescan('afgekeurd')).toBe('nascan');
    expect(stateAfterRescan('steekproef')).toBe('steekproef');
    expect(stateAfterRescan('nascan')).toBe('nascan');
  });
});

describe('destruction', () => {
  const ok = {
    qc: 'goedgekeurd' as const,
    approvedAt: '2026-12-07T10:00:00Z',
    besluit: true,
    documents: 3,
    deliveredMatching: 3,
    mismatched: 0,
  };
  it('may go when approved, a besluit is set and every document is delivered with the approved content', () => {
    expect(destructionReasons(ok)).toEqual([]);
  });
  it('says each reason it may not', () => {
    expect(destructionReasons({ ...ok, qc: 'nascan', besluit: false, deliveredMatching: 1, mismatched: 1 })).toEqual([
      'de kwaliteitscontrole is niet goedgekeurd (nascan)',
      'er is geen vervangingsbesluit ingesteld',
      '1 document heeft in het zaaksysteem niet de inhoud van de goedgekeurde scan',
      '1 van 3 documenten is nog niet afgeleverd',
    ]);
    expect(destructionReasons({ ...ok, documents: 0, deliveredMatching: 0 })).toEqual(['de batch heeft geen documenten']);
  });
  it('from the Amsterdam day of approval plus the waiting days', () => {
    expect(destroyFrom('2026-12-07T10:00:00Z', 0)).toBe('2026-12-07');
    expect(destroyFrom('2026-12-07T23:30:00Z', 0)).toBe('2026-12-08'); // already the 8th in Amsterdam
    expect(destroyFrom('2026-12-07T10:00:00Z', 30)).toBe('2027-01-06');
  });
});
