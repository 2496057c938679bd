import { describe, expect, it } from 'vitest';
import { navOf, parseRoute, routeHref, type Route } from '../../../renderer/app/route';

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('routes', () => {
  it('parses every screen', () => {
    expect(parseRoute('')).toEqual({ name: 'inbox' });
    expect(parseRoute('#/')).toEqual({ name: 'inbox' });
    expect(parseRoute('#/inbox')).toEqual({ name: 'inbox' });
    expect(parseRoute(`#/document/${ID}`)).toEqual({ name: 'document', id: ID });
    expect(parseRoute(`#/document/${ID.toUpperCase()}`)).toEqual({ name: 'document', id: ID });
    expect(parseRoute('#/zoeken?q=bezwaar%20WOZ')).toEqual({ name: 'search', query: 'bezwaar WOZ' });
    expect(parseRoute('#/zoeken')).toEqual({ name: 'search', query: '' });
    expect(parseRoute('#/geweigerd')).toEqual({ name: 'rejections' });
    expect(parseRoute('#/audit')).toEqual({ name: 'audit' });
    expect(parseRoute('#/status')).toEqual({ name: 'status' });
    expect(parseRoute('#/verzending')).toEqual({ name: 'delivery' });
    expect(parseRoute('#/scannen')).toEqual({ name: 'scan' });
    expect(parseRoute('#/profielen')).toEqual({ name: 'profiles' });
    expect(parseRoute('#/gebruikers')).toEqual({ name: 'people' });
    expect(parseRoute('#/instellingen')).toEqual({ name: 'settings' });
    expect(parseRoute(`#/inbox?batch=${ID.toUpperCase()}`)).toEqual({ name: 'inbox', batch: ID });
    expect(parseRoute('#/overzicht')).toEqual({ name: 'desk' });
    expect(parseRoute('#/inbox?stage=te-controleren')).toEqual({ name: 'inbox', stage: 'te-controleren' });
    expect(parseRoute(`#/inbox?batch=${ID}&stage=aandacht-nodig`)).toEqual({ name: 'inbox', batch: ID, stage: 'aandacht-nodig' });
  });

  it('ignores a stage parameter that is not one of the six stages, keeping the batch', () => {
    expect(parseRoute('#/inbox?stage=onbekend')).toEqual({ name: 'inbox' });
    expect(parseRoute('#/inbox?stage=')).toEqual({ name: 'inbox' });
    expect(parseRoute(`#/inbox?stage=NIEUW&batch=${ID}`)).toEqual({ name: 'inbox', batch: ID });
    expect(routeHref({ name: 'inbox', stage: 'klaar-om-te-koppelen' })).toBe('#/inbox?stage=klaar-om-te-koppelen');
  });

  it('ignores a batch parameter that is not a UUID (it never reaches a command)', () => {
    expect(parseRoute('#/inbox?batch=../../x')).toEqual({ name: 'inbox' });
    expect(parseRoute('#/inbox?batch=')).toEqual({ name: 'inbox' });
  });

  it('sends anything else to not-found (no id that is not a UUID reaches a command)', () => {
    for (const h of ['#/document/../../etc', '#/document/123', '#/onbekend', '#/inbox/extra', '#main-content']) {
      expect(parseRoute(h)).toEqual({ name: 'not-found' });
    }
  });

  it('round-trips through routeHref', () => {
    const routes: Route[] = [
      { name: 'inbox' },
      { name: 'document', id: ID },
      { name: 'search', query: 'a & b ?' },
      { name: 'search', query: '' },
      { name: 'rejections' },
      { name: 'audit' },
      { name: 'status' },
      { name: 'delivery' },
      { name: 'scan' },
      { name: 'profiles' },
      { name: 'people' },
      { name: 'settings' },
      { name: 'inbox', batch: ID },
      { name: 'desk' },
      ...(['nieuw', 'te-controleren', 'klaar-om-te-koppelen', 'in-outbox', 'aandacht-nodig', 'afgeleverd'] as const).map(
        (stage): Route => ({ name: 'inbox', stage }),
      ),
      { name: 'inbox', batch: ID, stage: 'afgeleverd' },
    ];
    for (const r of routes) expect(parseRoute(routeHref(r))).toEqual(r);
  });

  it('marks the inbox as current while a document is open, Scannen while the profiles are', () => {
    expect(navOf({ name: 'document', id: ID })).toBe('inbox');
    expect(navOf({ name: 'search', query: 'x' })).toBe('search');
    expect(navOf({ name: 'not-found' })).toBeNull();
    expect(navOf({ name: 'profiles' })).toBe('scan');
    expect(navOf({ name: 'inbox', batch: ID })).toBe('inbox');
    expect(navOf({ name: 'inbox', stage: 'nieuw' })).toBe('inbox');
    expect(navOf({ name: 'desk' })).toBe('desk');
  });
  it('routes the archive, with and without a document open beside the queue', () => {
    expect(parseRoute('#/archief')).toEqual({ name: 'archive' });
    expect(parseRoute(`#/archief/${ID.toUpperCase()}`)).toEqual({ name: 'archive', id: ID });
    expect(parseRoute('#/archief/niet-een-uuid')).toEqual({ name: 'not-found' });
    expect(parseRoute(`#/archief/${ID}/meer`)).toEqual({ name: 'not-found' });
    expect(routeHref({ name: 'archive' })).toBe('#/archief');
    expect(routeHref({ name: 'archive', id: ID })).toBe(`#/archief/${ID}`);
    // A state to start the queue on (a link from the desk); an unknown one is ignored.
    expect(parseRoute('#/archief?staat=te-controleren')).toEqual({ name: 'archive', state: 'te-controleren' });
    expect(parseRoute('#/archief?staat=alles')).toEqual({ name: 'archive' });
    expect(routeHref({ name: 'archive', state: 'niet-geclassificeerd' })).toBe('#/archief?staat=niet-geclassificeerd');
    for (const r of [{ name: 'archive' }, { name: 'archive', id: ID }] as Route[]) expect(parseRoute(routeHref(r))).toEqual(r);
    expect(navOf({ name: 'archive', id: ID })).toBe('archive');
  });
});
