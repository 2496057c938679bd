import { describe, expect, it } from 'vitest';
import { detailsText } from '../../../renderer/features/audit/model';

describe('audit details as the audit screen shows them', () => {
  it('pairs an old and a new value, and keeps the rest as key: value', () => {
    expect(
      detailsText(
        {
          documenttypeOud: 'Inkomende brief',
          documenttypeNieuw: 'Bezwaarschrift',
          vertrouwelijkheidOud: null,
          vertrouwelijkheidNieuw: 'vertrouwelijk',
          delivery: 'correctie-klaargezet',
          version: 3,
        },
        '—',
      ),
    ).toBe(
      'documenttype: Inkomende brief → Bezwaarschrift; vertrouwelijkheid: — → vertrouwelijk; ' +
        'delivery: correctie-klaargezet; version: 3',
    );
  });

  it('leaves a lone …Oud or …Nieuw key as it is, and an empty record empty', () => {
    expect(detailsText({ naamOud: 'A', reden: true }, '—')).toBe('naamOud: A; reden: true');
    expect(detailsText({ documenttypeNieuw: 'X' }, '—')).toBe('documenttypeNieuw: X');
    expect(detailsText({}, '—')).toBe('');
  });
});
