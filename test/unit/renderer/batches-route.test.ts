import { describe, expect, it } from 'vitest';
import { mayOpen } from '../../../renderer/app/access';
import { navOf, parseRoute, routeHref, type Route } from '../../../renderer/app/route';

// The routes of vervangende digitalisering: the batch list, one batch's dossier, its quality control; and who may
// open them (the QC screen only who may judge).

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('batch and QC routes', () => {
  it('parse the list, a batch and its QC screen, with the id in lower case', () => {
    expect(parseRoute('#/batches')).toEqual({ name: 'batches' });
    expect(parseRoute(`#/batches/${ID.toUpperCase()}`)).toEqual({ name: 'batches', id: ID });
    expect(parseRoute(`#/qc/${ID}`)).toEqual({ name: 'qc', batchId: ID });
  });

  it('send anything but a UUID to not-found', () => {
    for (const h of ['#/batches/123', '#/batches/../x', '#/qc', '#/qc/abc', `#/qc/${ID}/extra`, `#/batches/${ID}/x`])
      expect(parseRoute(h), h).toEqual({ name: 'not-found' });
  });

  it('round-trip through routeHref and belong to the Batches entry of the menu', () => {
    const routes: Route[] = [{ name: 'batches' }, { name: 'batches', id: ID }, { name: 'qc', batchId: ID }];
    for (const r of routes) {
      expect(parseRoute(routeHref(r))).toEqual(r);
      expect(navOf(r)).toBe('batches');
    }
    expect(routeHref({ name: 'qc', batchId: ID })).toBe(`#/qc/${ID}`);
  });

  it('open the batches to every role and the QC screen to the checkers only', () => {
    for (const role of ['medewerker', 'archivaris', 'teamleider', 'beheerder'] as const)
      expect(mayOpen('batches', [role]), role).toBe(true);
    expect(mayOpen('qc', ['archivaris'])).toBe(true);
    expect(mayOpen('qc', ['teamleider'])).toBe(true);
    expect(mayOpen('qc', ['medewerker'])).toBe(false);
    expect(mayOpen('qc', ['beheerder'])).toBe(false);
  });
});
