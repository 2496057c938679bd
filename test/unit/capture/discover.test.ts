import { describe, expect, it } from 'vitest';
import { manualScanner, scannersFromRecords } from '../../../src/capture/escl/discover';

// Records as multicast-dns decodes them (TXT data arrives as Buffers).
const txt = (o: Record<string, string>) => Object.entries(o).map(([k, v]) => Buffer.from(`${k}=${v}`));
const device = (instance: string, service: string, host: string, port: number, ip: string | null, t: Record<string, string>) => [
  { name: service, type: 'PTR', data: `${instance}.${service}` },
  { name: `${instance}.${service}`, type: 'SRV', data: { target: host, port, priority: 0, weight: 0 } },
  { name: `${instance}.${service}`, type: 'TXT', data: txt(t) },
  ...(ip ? [{ name: host, type: 'A', data: ip }] : []),
];

describe('scannersFromRecords', () => {
  it('builds a scanner from PTR + SRV + TXT + A, using the rs path and the address', () => {
    const list = scannersFromRecords(
      device('Kyocera TASKalfa\\0322553ci', '_uscan._tcp.local', 'kyo.local', 80, '10.1.2.3', {
        rs: 'eSCL',
        ty: 'Kyocera TASKalfa 2553ci',
        UUID: '4509A320-00A0',
        cs: 'color,grayscale,binary',
        is: 'platen,adf',
        duplex: 'T',
        note: 'Postkamer, 1e verdieping',
        adminurl: 'http://kyo.local/',
      }) as never,
    );
    expect(list).toEqual([
      {
        name: 'Kyocera TASKalfa 2553ci',
        host: 'kyo.local',
        addresses: ['10.1.2.3'],
        port: 80,
        secure: false,
        baseUrl: 'http://10.1.2.3/eSCL',
        uuid: '4509a320-00a0',
        model: 'Kyocera TASKalfa 2553ci',
        location: 'Postkamer, 1e verdieping',
        colorSpaces: ['color', 'grayscale', 'binary'],
        sources: ['platen', 'adf'],
        duplex: true,
        adminUrl: 'http://kyo.local/',
      },
    ]);
  });

  it('lists a device offered over HTTP and HTTPS once, preferring HTTPS; skips instances without SRV', () => {
    const records = [
      ...device('MFP', '_uscan._tcp.local', 'mfp.local', 8080, '10.0.0.9', { rs: '/eSCL/', UUID: 'u-1' }),
      ...device('MFP', '_uscans._tcp.local', 'mfp.local', 443, '10.0.0.9', { rs: 'eSCL', UUID: 'u-1' }),
      { name: '_uscan._tcp.local', type: 'PTR', data: 'Half._uscan._tcp.local' },
    ];
    const list = scannersFromRecords(records as never);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ secure: true, baseUrl: 'https://10.0.0.9/eSCL', port: 443 });
  });

  it('falls back to the host name when no address came, and to "eSCL" when rs is missing; IPv6 in brackets', () => {
    expect(scannersFromRecords(device('A', '_uscan._tcp.local', 'a.local', 80, null, {}) as never)[0]!.baseUrl).toBe('http://a.local/eSCL');
    const v6 = [
      ...device('B', '_uscan._tcp.local', 'b.local', 8080, null, { rs: 'eSCL' }),
      { name: 'b.local', type: 'AAAA', data: 'fe80::1' },
    ];
    expect(scannersFromRecords(v6 as never)[0]!.baseUrl).toBe('http://[fe80::1]:8080/eSCL');
  });

  it('ignores other services', () => {
    expect(scannersFromRecords(device('Printer', '_ipp._tcp.local', 'p.local', 631, '10.0.0.1', {}) as never)).toEqual([]);
  });
});

describe('manualScanner', () => {
  it('accepts what a clerk types', () => {
    expect(manualScanner('192.168.1.20')).toMatchObject({ baseUrl: 'http://192.168.1.20/eSCL', port: 80, secure: false, manual: true });
    expect(manualScanner('scanner.gemeente.local:8080').baseUrl).toBe('http://scanner.gemeente.local:8080/eSCL');
    expect(manualScanner('https://10.0.0.5/eSCL').baseUrl).toBe('https://10.0.0.5/eSCL');
    expect(manualScanner('http://10.0.0.5:9090/scan/escl/').baseUrl).toBe('http://10.0.0.5:9090/scan/escl');
    expect(manualScanner('[fe80::2]:8080').baseUrl).toBe('http://[fe80::2]:8080/eSCL');
  });
  it('refuses anything else', () => {
    for (const bad of ['', 'two words', 'ftp://x', 'http://u:p@host', 'http://h/?q=1', 'file:///etc/passwd'])
      expect(() => manualScanner(bad)).toThrow();
  });
});
