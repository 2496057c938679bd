import { describe, expect, it } from 'vitest';
import { DEFAULT_SELECTIELIJST_BASES } from '../../../src/contract/selectielijst-settings';
import { normaliseSelectielijstBases, readSelectielijstBases } from '../../../src/sync/selectielijst-bases';
import { UrlScope } from '../../../src/sync/url-scope';

// The Selectielijst allow-list: a selectielijstklasse is asked only when its parsed URL lies under one of the
// administrator's bases (same scheme, host and port; path prefix on a segment boundary), as url-scope.ts decides for
// the zaaksysteem's credential; the setting's entries pass the rule for the zaaksysteem's base URLs.

const scope = new UrlScope(DEFAULT_SELECTIELIJST_BASES);
const UUID = '8af64c99-a168-40dd-8afd-9fbe0597b6dc';

describe('the default allow-list', () => {
  it('is the public Selectielijst API', () => {
    expect(DEFAULT_SELECTIELIJST_BASES).toEqual(['https://selectielijst.openzaak.nl/api/v1']);
  });

  it('admits a resultaat of the public Selectielijst, also spelled differently, and sends it as parsed', () => {
    for (const u of [
      `https://selectielijst.openzaak.nl/api/v1/resultaten/${UUID}`,
      `https://SELECTIELIJST.openzaak.NL/api/v1/resultaten/${UUID}`,
      `https://selectielijst.openzaak.nl:443/api/v1/resultaten/${UUID}`,
      `https://selectielijst.openzaak.nl/api/v1/x/../resultaten/${UUID}`,
      `https://selectielijst.openzaak.nl/api/v1/%72esultaten/${UUID}`, // %72 = r (unreserved)
    ])
      expect(scope.contains(u), u).toBe(true);
    expect(scope.admit(`https://SELECTIELIJST.openzaak.nl:443/api/v1/x/../resultaten/${UUID}`)).toBe(
      `https://selectielijst.openzaak.nl/api/v1/resultaten/${UUID}`,
    );
  });

  it('refuses look-alike hosts, userinfo, other ports and schemes, and paths that leave the base', () => {
    for (const u of [
      `https://selectielijst.openzaak.nl.evil.com/api/v1/resultaten/${UUID}`, // the host as a prefix of another
      `https://evil.com/selectielijst.openzaak.nl/api/v1/resultaten/${UUID}`,
      `https://selectielijst.openzaak.nl@evil/api/v1/resultaten/${UUID}`, // the host as a user name
      `https://selectielijst.openzaak.nl:443@evil/api/v1/resultaten/${UUID}`,
      `https://user:pw@selectielijst.openzaak.nl/api/v1/resultaten/${UUID}`, // userinfo, even on the right host
      `https://evil\\@selectielijst.openzaak.nl/api/v1/resultaten/${UUID}`,
      `https://selectielijst.openzaak.nl%2eevil.com/api/v1/resultaten/${UUID}`,
      `https://selectielijst.openzaak.nl:8443/api/v1/resultaten/${UUID}`,
      `http://selectielijst.openzaak.nl/api/v1/resultaten/${UUID}`, // plain http: another origin
      `ftp://selectielijst.openzaak.nl/api/v1/resultaten/${UUID}`,
      `file:///api/v1/resultaten/${UUID}`,
      `https://selectielijst.openzaak.nl/api/v1evil/resultaten/${UUID}`, // not on a segment boundary
      `https://selectielijst.openzaak.nl/api/v2/resultaten/${UUID}`,
      `https://selectielijst.openzaak.nl/api/v1/../../admin`,
      `https://selectielijst.openzaak.nl/api/v1/%2e%2e/%2e%2e/admin`,
      `https://selectielijst.openzaak.nl/api/v1/..%2F..%2Fadmin`,
      `https://selectielijst.openzaak.nl/api/v1%2F..%2F..%2Fadmin`,
      `https://selectielijst.openzaak.nl/api/v1/..%5C..%5Cadmin`,
      `https://selectielijst.openzaak.nl/api/v1/%zz`,
      `https://selectielijst.openzaak.nl/api`,
      `https://selectielijst.openzaak.nl/`,
      'http://127.0.0.1/api/v1/resultaten/1',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/api/v1/resultaten/1',
      'selectielijst.openzaak.nl/api/v1/resultaten/1',
      'not a url',
      '',
    ])
      expect(scope.contains(u), u).toBe(false);
  });
});

describe('the setting selectielijstBases', () => {
  const reason = (list: string[]) => {
    try {
      normaliseSelectielijstBases(list);
    } catch (e) {
      return {
        message: (e as Error).message,
        details: (e as { code: string; details?: unknown }).details,
        code: (e as { code: string }).code,
      };
    }
    return null;
  };

  it('keeps each base in its normal form, once', () => {
    expect(
      normaliseSelectielijstBases([
        'https://selectielijst.openzaak.nl/api/v1/',
        ' HTTPS://Selectielijst.OpenZaak.nl:443/api/v1 ',
        'http://127.0.0.1:8000/selectielijst/api/v1',
        'http://localhost:8000/sl',
        'http://[::1]:8000/sl',
      ]),
    ).toEqual([
      'https://selectielijst.openzaak.nl/api/v1',
      'http://127.0.0.1:8000/selectielijst/api/v1',
      'http://localhost:8000/sl',
      'http://[::1]:8000/sl',
    ]);
    expect(normaliseSelectielijstBases([])).toEqual([]);
  });

  it('refuses a non-URL, a file: URL, plain http off this machine, userinfo, a query, an encoded separator — in Dutch', () => {
    const cases: [string, RegExp][] = [
      ['geen url', /geen geldige URL/],
      ['file:///etc/passwd', /gebruik https/],
      ['http://selectielijst.openzaak.nl/api/v1', /gebruik https/],
      ['http://10.0.0.8/api/v1', /gebruik https/],
      ['http://127.0.0.1.nip.io/api/v1', /gebruik https/],
      ['https://beheer:geheim@selectielijst.openzaak.nl/api/v1', /zonder gebruikersnaam, query of #/],
      ['https://selectielijst.openzaak.nl/api/v1?format=json', /zonder gebruikersnaam, query of #/],
      ['https://selectielijst.openzaak.nl/api%2Fv1', /%2F/],
    ];
    for (const [url, why] of cases) {
      const r = reason(['https://selectielijst.openzaak.nl/api/v1', url]);
      expect(r?.code, url).toBe('invalid-input');
      expect(r?.message, url).toBe('Ongeldige invoer.');
      expect(r?.details, url).toEqual({ issues: [{ path: 'selectielijstBases.1', message: expect.stringMatching(why) }] });
    }
  });

  it('reads back the default when never set, and leaves out a stored entry that no longer passes the rule', () => {
    expect(readSelectielijstBases(undefined)).toEqual(DEFAULT_SELECTIELIJST_BASES);
    expect(readSelectielijstBases('https://selectielijst.openzaak.nl/api/v1')).toEqual(DEFAULT_SELECTIELIJST_BASES);
    expect(readSelectielijstBases([])).toEqual([]);
    expect(
      readSelectielijstBases([
        'http://evil.example/api/v1',
        42,
        'https://mirror.example/api/v1/',
        'https://mirror.example/api/v1',
        'file:///x',
      ]),
    ).toEqual(['https://mirror.example/api/v1']);
  });
});
