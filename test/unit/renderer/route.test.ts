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
    ];
    for (const r of routes) expect(parseRoute(routeHref(r))).toEqual(r);
  });

  it('marks the inbox as current while a document is open, Scannen while the profiles are', () => {
    expect(navOf({ name: 'document', id: ID })).toBe('inbox');
    expect(navOf({ name: 'search', query: 'x' })).toBe('search');
    expect(navOf({ name: 'not-found' })).toBeNull();
    expect(navOf({ name: 'profiles' })).toBe('scan');
    expect(navOf({ name: 'inbox', batch: ID })).toBe('inbox');
  });
});
