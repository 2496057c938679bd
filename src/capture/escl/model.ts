// eSCL documents: ScannerCapabilities and ScannerStatus in, ScanSettings out. Pure (strings ↔ objects).
// Element names follow Mopria eSCL 2.x as implemented by sane-airscan (airscan-escl.c) and NAPS2.Escl; vendors
// disagree on prefixes (scan:/pwg:) and on some names, so lookups are by local name and tolerant.
import { child, escapeXml, find, findAll, numberOf, parseXml, textOf, type XmlElement } from './xml';

export interface EsclSourceCaps {
  /** Largest scan area in 1/300 inch. */
  maxWidth?: number;
  maxHeight?: number;
  colorModes: string[];
  formats: string[];
  /** Discrete resolutions (X = Y); a range is expanded to the common steps inside it. */
  resolutions: number[];
}

export interface EsclCapabilities {
  version?: string;
  makeAndModel?: string;
  serialNumber?: string;
  uuid?: string;
  platen?: EsclSourceCaps;
  adfSimplex?: EsclSourceCaps;
  adfDuplex?: EsclSourceCaps;
  /** True when the feeder scans both sides. */
  duplex: boolean;
}

export interface EsclJobInfo {
  uri?: string;
  uuid?: string;
  state?: string;
  reasons: string[];
  imagesCompleted?: number;
  imagesToTransfer?: number;
}

export interface EsclStatus {
  /** pwg:State: Idle, Processing, Testing, Stopped, Down. */
  state: string;
  adfState?: string;
  jobs: EsclJobInfo[];
}

const COMMON_RESOLUTIONS = [75, 100, 150, 200, 240, 300, 400, 600, 1200];

function sourceCaps(el: XmlElement | undefined): EsclSourceCaps | undefined {
  if (!el) return undefined;
  const colorModes = new Set<string>();
  const formats = new Set<string>();
  const resolutions = new Set<number>();
  for (const m of findAll(el, 'ColorMode')) if (textOf(m)) colorModes.add(textOf(m)!);
  for (const f of [...findAll(el, 'DocumentFormat'), ...findAll(el, 'DocumentFormatExt')]) if (textOf(f)) formats.add(textOf(f)!);
  for (const d of findAll(el, 'DiscreteResolution')) {
    const x = numberOf(child(d, 'XResolution'));
    const y = numberOf(child(d, 'YResolution'));
    if (x && (!y || y === x)) resolutions.add(x);
  }
  for (const r of findAll(el, 'XResolutionRange')) {
    const min = numberOf(child(r, 'Min')) ?? 0;
    const max = numberOf(child(r, 'Max')) ?? 0;
    for (const c of COMMON_RESOLUTIONS) if (c >= min && c <= max) resolutions.add(c);
  }
  return {
    maxWidth: numberOf(child(el, 'MaxWidth')),
    maxHeight: numberOf(child(el, 'MaxHeight')),
    colorModes: [...colorModes],
    formats: [...formats],
    resolutions: [...resolutions].sort((a, b) => a - b),
  };
}

export function parseCapabilities(xml: string): EsclCapabilities {
  const root = parseXml(xml);
  if (root.name !== 'ScannerCapabilities') throw new Error('not ScannerCapabilities');
  const adf = child(root, 'Adf');
  const adfDuplex = sourceCaps(child(adf, 'AdfDuplexInputCaps'));
  const options = findAll(adf, 'AdfOption').map((o) => textOf(o));
  return {
    version: textOf(child(root, 'Version')),
    makeAndModel: textOf(child(root, 'MakeAndModel')),
    serialNumber: textOf(child(root, 'SerialNumber')),
    uuid: textOf(child(root, 'UUID')),
    platen: sourceCaps(child(child(root, 'Platen'), 'PlatenInputCaps')),
    adfSimplex: sourceCaps(child(adf, 'AdfSimplexInputCaps')),
    adfDuplex,
    duplex: !!adfDuplex || options.includes('Duplex'),
  };
}

export function parseStatus(xml: string): EsclStatus {
  const root = parseXml(xml);
  if (root.name !== 'ScannerStatus') throw new Error('not ScannerStatus');
  const jobs = findAll(root, 'JobInfo').map((j) => ({
    uri: textOf(child(j, 'JobUri')),
    uuid: textOf(child(j, 'JobUuid')),
    state: textOf(child(j, 'JobState')),
    reasons: findAll(j, 'JobStateReason')
      .map((r) => textOf(r) ?? '')
      .filter(Boolean),
    imagesCompleted: numberOf(child(j, 'ImagesCompleted')),
    imagesToTransfer: numberOf(child(j, 'ImagesToTransfer')),
  }));
  return {
    state: textOf(child(root, 'State')) ?? textOf(find(root, 'State')) ?? 'Unknown',
    adfState: textOf(child(root, 'AdfState')),
    jobs,
  };
}

export interface EsclScanSettings {
  source: 'Platen' | 'Feeder';
  duplex: boolean;
  resolution: number;
  colorMode: 'RGB24' | 'Grayscale8' | 'BlackAndWhite1';
  format: 'image/jpeg' | 'application/pdf' | 'image/png';
}

/** A4 in 1/300 inch, clipped to what the source can scan. */
const A4_300THS = { width: 2480, height: 3508 };

export function scanSettingsXml(s: EsclScanSettings, caps?: EsclSourceCaps): string {
  const width = Math.min(A4_300THS.width, caps?.maxWidth ?? A4_300THS.width);
  const height = Math.min(A4_300THS.height, caps?.maxHeight ?? A4_300THS.height);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<scan:ScanSettings xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm">',
    '  <pwg:Version>2.0</pwg:Version>',
    '  <pwg:ScanRegions>',
    '    <pwg:ScanRegion>',
    '      <pwg:ContentRegionUnits>escl:ThreeHundredthsOfInches</pwg:ContentRegionUnits>',
    '      <pwg:XOffset>0</pwg:XOffset>',
    '      <pwg:YOffset>0</pwg:YOffset>',
    `      <pwg:Width>${width}</pwg:Width>`,
    `      <pwg:Height>${height}</pwg:Height>`,
    '    </pwg:ScanRegion>',
    '  </pwg:ScanRegions>',
    `  <pwg:InputSource>${escapeXml(s.source)}</pwg:InputSource>`,
    `  <scan:ColorMode>${escapeXml(s.colorMode)}</scan:ColorMode>`,
    `  <pwg:DocumentFormat>${escapeXml(s.format)}</pwg:DocumentFormat>`,
    `  <scan:DocumentFormatExt>${escapeXml(s.format)}</scan:DocumentFormatExt>`,
    `  <scan:XResolution>${Math.round(s.resolution)}</scan:XResolution>`,
    `  <scan:YResolution>${Math.round(s.resolution)}</scan:YResolution>`,
    ...(s.source === 'Feeder' ? [`  <scan:Duplex>${s.duplex ? 'true' : 'false'}</scan:Duplex>`] : []),
    '</scan:ScanSettings>',
  ];
  return lines.join('\n');
}

/** Reads back the settings the client sent (used by the virtual scanner in the tests, and for logging). */
export function parseScanSettings(xml: string): EsclScanSettings {
  const root = parseXml(xml);
  if (root.name !== 'ScanSettings') throw new Error('not ScanSettings');
  const source = textOf(find(root, 'InputSource'));
  const colorMode = textOf(find(root, 'ColorMode'));
  const format = textOf(find(root, 'DocumentFormatExt')) ?? textOf(find(root, 'DocumentFormat'));
  const resolution = numberOf(find(root, 'XResolution'));
  if (source !== 'Platen' && source !== 'Feeder') throw new Error('bad InputSource');
  if (colorMode !== 'RGB24' && colorMode !== 'Grayscale8' && colorMode !== 'BlackAndWhite1') throw new Error('bad ColorMode');
  if (format !== 'image/jpeg' && format !== 'application/pdf' && format !== 'image/png') throw new Error('bad DocumentFormat');
  if (!resolution) throw new Error('bad XResolution');
  return { source, colorMode, format, resolution, duplex: textOf(find(root, 'Duplex')) === 'true' };
}

export type EsclFaultCode = 'paper-jam' | 'feeder-empty' | 'cover-open';

/**
 * The fault a status reports, if any. Sources: scan:AdfState (ScannerAdfJam, ScannerAdfEmpty, ScannerAdfHatchOpen /
 * ScannerAdfDoorOpen, ScannerAdfMispick, ScannerAdfMultipickDetected) and the job's JobStateReasons (MediaJam,
 * InputTrayEmpty / AdfEmpty / MediaEmpty, CoverOpen / DoorOpen). An empty feeder is a fault only where the caller
 * says so (after a completed feeder job the feeder is empty, as it should be).
 */
export function faultOf(status: EsclStatus, job?: EsclJobInfo): EsclFaultCode | null {
  const words = [status.adfState ?? '', ...(job?.reasons ?? [])].join(' ');
  if (/Jam|Mispick|Multipick/i.test(words)) return 'paper-jam';
  if (/HatchOpen|DoorOpen|CoverOpen/i.test(words)) return 'cover-open';
  if (/AdfEmpty|InputTrayEmpty|MediaEmpty|MediaNeeded/i.test(words)) return 'feeder-empty';
  return null;
}

/** The job in a status that matches a job location (by URI suffix or UUID). */
export function jobFor(status: EsclStatus, location: string): EsclJobInfo | undefined {
  const path = location.replace(/^https?:\/\/[^/]+/, '').replace(/\/+$/, '');
  const id = path.slice(path.lastIndexOf('/') + 1);
  return status.jobs.find(
    (j) => (j.uri && j.uri.replace(/^https?:\/\/[^/]+/, '').replace(/\/+$/, '') === path) || j.uuid === id || j.uri?.endsWith(`/${id}`),
  );
}
