import { describe, expect, it } from 'vitest';
import { faultFromStderr, parseDeviceList, parseOptions, pickMode, pickResolution, pickSource } from '../../../src/capture/sane-parse';

// `scanimage -d test -A` (sane-backends 1.1.1), shortened.
const TEST_DEVICE = `
All options specific to device \`test':
  Scan Mode:
    --mode Gray|Color [Gray]
        Selects the scan mode (e.g., lineart, monochrome, or color).
    --depth 1|8|16 [8]
    --hand-scanner[=(yes|no)] [no]
    --resolution 1..1200dpi (in steps of 1) [50]
        Sets the resolution of the scanned image.
    --source Flatbed|Automatic Document Feeder [Flatbed]
`;
const EPSON = `
    --mode Lineart|Gray|Color [Lineart]
    --resolution 75|150|300|600|1200dpi [75]
    --source Flatbed|ADF Front|ADF Duplex [Flatbed]
`;

describe('scanimage output', () => {
  it('parses the device list', () => {
    expect(
      parseDeviceList('airscan:e0:Kyocera\tKyocera TASKalfa (eSCL)\nepson2:net:10.0.0.4\tEpson DS-530 (sheetfed scanner)\n\n'),
    ).toEqual([
      { name: 'airscan:e0:Kyocera', label: 'Kyocera TASKalfa (eSCL)' },
      { name: 'epson2:net:10.0.0.4', label: 'Epson DS-530 (sheetfed scanner)' },
    ]);
  });

  it('parses modes, sources with spaces, and resolution ranges or lists', () => {
    expect(parseOptions(TEST_DEVICE)).toEqual({
      modes: ['Gray', 'Color'],
      sources: ['Flatbed', 'Automatic Document Feeder'],
      resolutions: { min: 1, max: 1200, step: 1 },
    });
    expect(parseOptions(EPSON)).toEqual({
      modes: ['Lineart', 'Gray', 'Color'],
      sources: ['Flatbed', 'ADF Front', 'ADF Duplex'],
      resolutions: [75, 150, 300, 600, 1200],
    });
  });

  it('picks device-specific names for what a profile asks', () => {
    expect(pickSource(['Flatbed', 'Automatic Document Feeder'], 'feeder', false)).toBe('Automatic Document Feeder');
    expect(pickSource(['Flatbed', 'ADF Front', 'ADF Duplex'], 'feeder', true)).toBe('ADF Duplex');
    expect(pickSource(['Flatbed', 'ADF Front', 'ADF Duplex'], 'feeder', false)).toBe('ADF Front');
    expect(pickSource(['Flatbed', 'ADF Front'], 'flatbed', false)).toBe('Flatbed');
    expect(pickMode(['Lineart', 'Gray', 'Color'], 'bilevel')).toBe('Lineart');
    expect(pickMode(['Gray', 'Color'], 'bilevel')).toBe('Gray');
    expect(pickMode(['Gray', 'Color'], 'colour')).toBe('Color');
    expect(pickResolution([75, 150, 600], 300)).toBe(600);
    expect(pickResolution([75, 150], 300)).toBe(150);
    expect(pickResolution({ min: 50, max: 1200, step: 25 }, 310)).toBe(325);
  });

  it('names the fault from scanimage stderr', () => {
    expect(faultFromStderr('scanimage: sane_read: Document feeder jammed\n')).toBe('paper-jam');
    expect(faultFromStderr('scanimage: sane_start: Document feeder out of documents\n')).toBe('feeder-empty');
    expect(faultFromStderr('scanimage: sane_read: Scanner cover is open\n')).toBe('cover-open');
    expect(faultFromStderr('scanimage: open of device foo failed: Invalid argument\n')).toBe('device-missing');
    expect(faultFromStderr('Scanning page 1\n')).toBeNull();
  });
});
