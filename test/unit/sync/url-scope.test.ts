import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connectionBases, describeTarget, isUnderBase, parseScopedUrl, UrlScope } from '../../../src/sync/url-scope';

// The rule that keeps the ZGW credential on the configured servers: a URL is admitted only under a base URL
// (same scheme, host, port; path prefix on a segment boundary), compared after normalisation.

const BASE = 'https://oz/catalogi/api/v1';

describe('isUnderBase', () => {
  it('admits the base itself and what lies under it', () => {
    for (const u of [
      'https://oz/catalogi/api/v1',
      'https://oz/catalogi/api/v1/',
      'https://oz/catalogi/api/v1/zaaktypen',
      'https://oz/catalogi/api/v1/zaaktypen/5c2b?status=definitief&page=2',
      'HTTPS://OZ/catalogi/api/v1/zaaktypen', // scheme and host case
      'https://oz:443/catalogi/api/v1/zaaktypen', // default port
      'https://oz/catalogi/api/v1/x/../zaaktypen', // dot segments that stay inside
      'https://oz/catalogi/%61pi/v1/zaaktypen', // %61 = a (unreserved, decoded)
      'https://oz/catalogi/api/v1/zaaktypen#frag',
    ])
      expect(isUnderBase(u, BASE), u).toBe(true);
  });

  it('refuses look-alikes, other hosts, ports and schemes, userinfo and escapes', () => {
    for (const u of [
      'https://oz/catalogi/api/v1evil',
      'https://oz/catalogi/api/v1evil/zaaktypen',
      'https://oz/catalogi/api/v1/../../x',
      'https://oz/catalogi/api/v1/%2e%2e/%2e%2e/x',
      'https://oz/catalogi/api/v1/..%2F..%2Fx',
      'https://oz/catalogi/api/v1%2F..%2F..%2Fx',
      'https://oz/catalogi/api/v1/..%5C..%5Cx',
      'https://oz/catalogi/api/v1\\..\\..\\x',
      'https://oz/catalogi/api/v1/%zz',
      'https://oz/catalogi/api',
      'https://oz/catalogi/ap',
      'https://oz/',
      'http://oz/catalogi/api/v1/zaaktypen',
      'https://oz:8443/catalogi/api/v1/zaaktypen',
      'https://oz.evil/catalogi/api/v1/zaaktypen',
      'https://evil/catalogi/api/v1/zaaktypen',
      'https://oz@evil/catalogi/api/v1/zaaktypen',
      'https://user:pw@oz/catalogi/api/v1/zaaktypen',
      'ftp://oz/catalogi/api/v1/zaaktypen',
      'file:///catalogi/api/v1/zaaktypen',
      'not a url',
      '',
    ])
      expect(isUnderBase(u, BASE), u).toBe(false);
  });

  it('treats a base with or without a trailing slash alike, and a root base as the whole origin', () => {
    expect(isUnderBase('https://oz/catalogi/api/v1/x', `${BASE}/`)).toBe(true);
    expect(isUnderBase('https://oz/catalogi/api/v1evil', `${BASE}/`)).toBe(false);
    expect(isUnderBase('https://oz/anything', 'https://oz')).toBe(true);
    expect(isUnderBase('https://oz.evil/anything', 'https://oz')).toBe(false);
  });

  it('compares IPv4 and IPv6 loopback hosts as the URL parser normalises them', () => {
    expect(isUnderBase('http://127.0.0.1:8000/zaken/api/v1/zaken', 'http://127.0.0.1:8000/zaken/api/v1')).toBe(true);
    expect(isUnderBase('http://127.0.0.1:8001/zaken/api/v1/zaken', 'http://127.0.0.1:8000/zaken/api/v1')).toBe(false);
    expect(isUnderBase('http://[::1]:8000/zaken/api/v1/zaken', 'http://[0:0:0:0:0:0:0:1]:8000/zaken/api/v1')).toBe(true);
    expect(isUnderBase('http://2130706433:8000/zaken/api/v1/zaken', 'http://127.0.0.1:8000/zaken/api/v1')).toBe(true); // same address
  });
});

const segment = fc.stringMatching(/^[a-z0-9_-]{1,8}$/);
const path = fc.array(segment, { minLength: 0, maxLength: 4 });
const host = fc.constantFrom('oz', 'oz.example.nl', 'api.gemeente.nl', '127.0.0.1');

describe('isUnderBase (properties)', () => {
  it('every path appended on a segment boundary is admitted', () => {
    fc.assert(
      fc.property(host, path, path, (h, base, rest) => {
        const b = `https://${h}/${base.join('/')}`;
        return isUnderBase(`${b.replace(/\/$/, '')}/${rest.join('/')}`, b);
      }),
    );
  });

  it('a suffix glued to the last segment of the base is refused', () => {
    fc.assert(
      fc.property(host, fc.array(segment, { minLength: 1, maxLength: 4 }), segment, path, (h, base, glue, rest) => {
        const b = `https://${h}/${base.join('/')}`;
        return !isUnderBase(`${b}${glue}/${rest.join('/')}`, b);
      }),
    );
  });

  it('climbing out with dot segments (plain or encoded) is refused', () => {
    fc.assert(
      fc.property(
        host,
        fc.array(segment, { minLength: 1, maxLength: 4 }),
        fc.constantFrom('..', '%2e%2e', '%2E.', '.%2e'),
        segment,
        (h, base, dots, target) => {
          const b = `https://${h}/${base.join('/')}`;
          const up = Array.from({ length: base.length }, () => dots).join('/');
          // '~' keeps the target apart from every base segment (those have no '~').
          return !isUnderBase(`${b}/${up}/~${target}`, b);
        },
      ),
    );
  });

  it('another host, port or scheme is refused whatever the path', () => {
    fc.assert(
      fc.property(
        host,
        host,
        path,
        path,
        fc.constantFrom('', ':8443', ':80'),
        fc.constantFrom('https', 'http'),
        (h1, h2, base, rest, port, scheme) => {
          const b = `https://${h1}/${base.join('/')}`;
          const u = `${scheme}://${h2}${port}/${[...base, ...rest].join('/')}`;
          const same = h1 === h2 && scheme === 'https' && port === '';
          return isUnderBase(u, b) === same;
        },
      ),
    );
  });

  it('what is admitted is exactly what the transport would send (the parser agrees with itself)', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (u) => {
        const p = parseScopedUrl(u);
        if (!p) return true;
        const again = parseScopedUrl(p.href);
        return again !== null && again.href === p.href && isUnderBase(p.href, u) === isUnderBase(u, u);
      }),
    );
  });
});

describe('UrlScope', () => {
  const scope = new UrlScope(
    connectionBases({
      zaken: 'https://oz/zaken/api/v1',
      documenten: 'https://oz/documenten/api/v1',
      catalogi: 'https://oz/catalogi/api/v1',
    }),
  );

  it('admits URLs under any base and returns them as they are sent', () => {
    expect(scope.admit('https://OZ:443/zaken/api/v1/zaken?identificatie=Z-1')).toBe('https://oz/zaken/api/v1/zaken?identificatie=Z-1');
    expect(scope.admit('https://oz/documenten/api/v1/enkelvoudiginformatieobjecten/1/unlock')).not.toBeNull();
    expect(scope.admit('https://oz/besluiten/api/v1/besluiten')).toBeNull();
  });

  it('lists the URLs outside the bases once each, in order', () => {
    expect(
      scope.outside([
        'https://oz/zaken/api/v1/zaken/1',
        'https://intern:8000/catalogi/api/v1/zaaktypen/1',
        'https://intern:8000/catalogi/api/v1/zaaktypen/1',
        'https://x/y',
      ]),
    ).toEqual(['https://intern:8000/catalogi/api/v1/zaaktypen/1', 'https://x/y']);
  });

  it('describes a target without query or userinfo', () => {
    expect(describeTarget('https://user:pw@evil:8443/a/b?zaak=Z-1')).toBe('https://evil:8443/a/b');
    expect(describeTarget('::')).toBe('(geen geldige URL)');
  });
});
