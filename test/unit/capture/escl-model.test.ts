import { describe, expect, it } from 'vitest';
import { faultOf, jobFor, parseCapabilities, parseScanSettings, parseStatus, scanSettingsXml } from '../../../src/capture/escl/model';
import { parseXml, XmlError } from '../../../src/capture/escl/xml';

// Shaped like a real MFP's answer (HP-style prefixes, a range instead of discrete resolutions on the platen).
const CAPS = `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerCapabilities xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm" xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03">
  <pwg:Version>2.63</pwg:Version>
  <pwg:MakeAndModel>Kyocera &amp; Co TASKalfa 2553ci</pwg:MakeAndModel>
  <scan:UUID>4509a320-00a0-008f-00b6-002507510eca</scan:UUID>
  <scan:Platen><scan:PlatenInputCaps>
    <scan:MaxWidth>2550</scan:MaxWidth><scan:MaxHeight>3508</scan:MaxHeight>
    <scan:SettingProfiles><scan:SettingProfile>
      <scan:ColorModes><scan:ColorMode>RGB24</scan:ColorMode><scan:ColorMode>Grayscale8</scan:ColorMode></scan:ColorModes>
      <scan:DocumentFormats><pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat><pwg:DocumentFormat>application/pdf</pwg:DocumentFormat></scan:DocumentFormats>
      <scan:SupportedResolutions><scan:XResolutionRange><scan:Min>75</scan:Min><scan:Max>600</scan:Max></scan:XResolutionRange></scan:SupportedResolutions>
    </scan:SettingProfile></scan:SettingProfiles>
  </scan:PlatenInputCaps></scan:Platen>
  <scan:Adf>
    <scan:AdfSimplexInputCaps>
      <scan:MaxWidth>2550</scan:MaxWidth><scan:MaxHeight>4200</scan:MaxHeight>
      <scan:SettingProfiles><scan:SettingProfile>
        <scan:ColorModes><scan:ColorMode>RGB24</scan:ColorMode></scan:ColorModes>
        <scan:DocumentFormats><pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat><scan:DocumentFormatExt>image/png</scan:DocumentFormatExt></scan:DocumentFormats>
        <scan:SupportedResolutions><scan:DiscreteResolutions>
          <scan:DiscreteResolution><scan:XResolution>300</scan:XResolution><scan:YResolution>300</scan:YResolution></scan:DiscreteResolution>
          <scan:DiscreteResolution><scan:XResolution>200</scan:XResolution><scan:YResolution>200</scan:YResolution></scan:DiscreteResolution>
          <scan:DiscreteResolution><scan:XResolution>600</scan:XResolution><scan:YResolution>300</scan:YResolution></scan:DiscreteResolution>
        </scan:DiscreteResolutions></scan:SupportedResolutions>
      </scan:SettingProfile></scan:SettingProfiles>
    </scan:AdfSimplexInputCaps>
    <scan:AdfOptions><scan:AdfOption>Duplex</scan:AdfOption></scan:AdfOptions>
  </scan:Adf>
</scan:ScannerCapabilities>`;

describe('eSCL capabilities', () => {
  it('reads sources, modes, formats and resolutions whatever the prefixes', () => {
    const c = parseCapabilities(CAPS);
    expect(c).toMatchObject({
      version: '2.63',
      makeAndModel: 'Kyocera & Co TASKalfa 2553ci',
      uuid: '4509a320-00a0-008f-00b6-002507510eca',
      duplex: true,
    });
    expect(c.platen).toEqual({
      maxWidth: 2550,
      maxHeight: 3508,
      colorModes: ['RGB24', 'Grayscale8'],
      formats: ['image/jpeg', 'application/pdf'],
      resolutions: [75, 100, 150, 200, 240, 300, 400, 600],
    });
    // 600×300 is not a square resolution and is left out.
    expect(c.adfSimplex).toMatchObject({ formats: ['image/jpeg', 'image/png'], resolutions: [200, 300] });
    expect(c.adfDuplex).toBeUndefined();
  });
  it('refuses what is not a capabilities document', () => {
    expect(() => parseCapabilities('<html><body>Login</body></html>')).toThrow();
    expect(() => parseCapabilities('<scan:ScannerCapabilities>')).toThrow(XmlError);
  });
});

describe('eSCL status and faults', () => {
  const status = (adf: string, jobState: string, reasons: string[]) => `<?xml version="1.0"?>
<scan:ScannerStatus xmlns:scan="s" xmlns:pwg="p"><pwg:Version>2.6</pwg:Version><pwg:State>Idle</pwg:State><scan:AdfState>${adf}</scan:AdfState>
<scan:Jobs><scan:JobInfo><pwg:JobUri>/eSCL/ScanJobs/abc-1</pwg:JobUri><pwg:JobUuid>abc-1</pwg:JobUuid><pwg:ImagesCompleted>2</pwg:ImagesCompleted>
<pwg:JobState>${jobState}</pwg:JobState><pwg:JobStateReasons>${reasons.map((r) => `<pwg:JobStateReason>${r}</pwg:JobStateReason>`).join('')}</pwg:JobStateReasons></scan:JobInfo></scan:Jobs></scan:ScannerStatus>`;

  it('finds the job by its location and reads its state', () => {
    const s = parseStatus(status('ScannerAdfLoaded', 'Processing', ['JobScanning']));
    expect(s.state).toBe('Idle');
    expect(jobFor(s, 'http://10.0.0.5:80/eSCL/ScanJobs/abc-1/')).toMatchObject({
      uuid: 'abc-1',
      state: 'Processing',
      imagesCompleted: 2,
      reasons: ['JobScanning'],
    });
    expect(jobFor(s, '/eSCL/ScanJobs/other')).toBeUndefined();
  });

  it('names jams, open covers and an empty feeder from AdfState or the job reasons', () => {
    const f = (adf: string, reasons: string[] = []) => {
      const s = parseStatus(status(adf, 'Aborted', reasons));
      return faultOf(s, s.jobs[0]);
    };
    expect(f('ScannerAdfJam')).toBe('paper-jam');
    expect(f('ScannerAdfLoaded', ['MediaJam'])).toBe('paper-jam');
    expect(f('ScannerAdfMispick')).toBe('paper-jam');
    expect(f('ScannerAdfHatchOpen')).toBe('cover-open');
    expect(f('ScannerAdfDoorOpen')).toBe('cover-open');
    expect(f('ScannerAdfLoaded', ['CoverOpen'])).toBe('cover-open');
    expect(f('ScannerAdfEmpty')).toBe('feeder-empty');
    expect(f('ScannerAdfLoaded', ['InputTrayEmpty'])).toBe('feeder-empty');
    expect(f('ScannerAdfLoaded', ['JobCompletedSuccessfully'])).toBeNull();
  });
});

describe('eSCL scan settings', () => {
  it('writes settings a scanner reads back, A4 clipped to the source', () => {
    const s = { source: 'Feeder' as const, duplex: true, resolution: 300, colorMode: 'Grayscale8' as const, format: 'image/png' as const };
    const xml = scanSettingsXml(s, { maxWidth: 2400, colorModes: [], formats: [], resolutions: [] });
    expect(parseScanSettings(xml)).toEqual(s);
    expect(xml).toContain('<pwg:Width>2400</pwg:Width>');
    expect(xml).toContain('<pwg:Height>3508</pwg:Height>');
    expect(scanSettingsXml({ ...s, source: 'Platen' })).not.toContain('Duplex');
  });
});

describe('xml reader', () => {
  it('handles comments, CDATA, entities and self-closing elements; rejects junk', () => {
    const r = parseXml('<?xml version="1.0"?><!-- x --><a:r x="1 &gt; 0"><b/><c><![CDATA[<raw>]]></c><d>&#x41;&#66;&amp;</d></a:r>');
    expect(r.name).toBe('r');
    expect(r.attrs.x).toBe('1 > 0');
    expect(r.children.map((c) => c.name)).toEqual(['b', 'c', 'd']);
    expect(r.children[1]!.text).toBe('<raw>');
    expect(r.children[2]!.text).toBe('AB&');
    for (const bad of ['<a><b></a>', '<a>', 'text', '<a/><b/>', '<a></b>']) expect(() => parseXml(bad)).toThrow(XmlError);
  });
  it('refuses a DTD and does not expand unknown entities', () => {
    expect(() => parseXml('<!DOCTYPE a [<!ENTITY e "boom">]><a>&e;</a>')).toThrow(XmlError);
    expect(parseXml('<a>&e;</a>').text).toBe('&e;');
  });
});
