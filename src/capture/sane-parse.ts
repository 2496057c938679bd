// Reading scanimage's text output (device list, option help, error lines). Pure.

export interface SaneDevice {
  name: string;
  label: string;
}

export interface SaneOptions {
  sources: string[];
  modes: string[];
  /** Discrete list, or a range (step 1 unless stated). */
  resolutions: number[] | { min: number; max: number; step: number };
}

/** Lines of `scanimage -f '%d\t%v %m (%t)%n'`. */
export function parseDeviceList(text: string): SaneDevice[] {
  const out: SaneDevice[] = [];
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab <= 0) continue;
    const name = line.slice(0, tab).trim();
    const label = line
      .slice(tab + 1)
      .trim()
      .replace(/\s+\(\)$/, '');
    if (name) out.push({ name, label: label || name });
  }
  return out;
}

/** The options part of `scanimage -d <device> -A` that Postkamer sets. Values may contain spaces ("Automatic Document Feeder"). */
export function parseOptions(text: string): SaneOptions {
  const opt = (name: string) => text.match(new RegExp(`^\\s+--${name}(?:\\[=\\()?\\s+(.+?)\\s+\\[[^\\]]*\\]\\s*$`, 'm'))?.[1];
  const list = (v: string | undefined) =>
    v
      ? v
          .split('|')
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
  const res = opt('resolution');
  let resolutions: SaneOptions['resolutions'] = [];
  if (res) {
    const range = res.match(/^(\d+)\.\.(\d+)\s*dpi(?:\s*\(in steps of (\d+)\))?/);
    if (range) resolutions = { min: Number(range[1]), max: Number(range[2]), step: Number(range[3] ?? 1) || 1 };
    else
      resolutions = res
        .replace(/dpi/g, '')
        .split('|')
        .map((s) => Number(s.trim()))
        .filter((n) => Number.isFinite(n) && n > 0);
  }
  return { sources: list(opt('source')), modes: list(opt('mode')), resolutions };
}

/** The nearest resolution the device offers at or above `wanted` (the norm is a minimum), else its highest. */
export function pickResolution(r: SaneOptions['resolutions'], wanted: number): number {
  if (Array.isArray(r)) {
    if (r.length === 0) return wanted;
    const above = r.filter((x) => x >= wanted).sort((a, b) => a - b);
    return above[0] ?? Math.max(...r);
  }
  if (wanted <= r.min) return r.min;
  if (wanted >= r.max) return r.max;
  return r.min + Math.ceil((wanted - r.min) / r.step) * r.step;
}

/** Device-specific source names for a feeder/flatbed (and duplex) request; undefined = leave the default. */
export function pickSource(sources: string[], want: 'flatbed' | 'feeder', duplex: boolean): string | undefined {
  if (sources.length === 0) return undefined;
  if (want === 'flatbed') return sources.find((s) => /flatbed|platen|glass|glasplaat/i.test(s));
  const feeders = sources.filter((s) => /adf|feeder|automatic|document/i.test(s));
  if (duplex) return feeders.find((s) => /duplex|both|double/i.test(s)) ?? feeders.find((s) => !/front|back/i.test(s));
  return feeders.find((s) => !/duplex|both|double|back/i.test(s)) ?? feeders[0];
}

export function pickMode(modes: string[], colour: 'colour' | 'gray' | 'bilevel'): string | undefined {
  const find = (re: RegExp) => modes.find((m) => re.test(m));
  if (colour === 'colour') return find(/colou?r|rgb/i);
  if (colour === 'gray') return find(/gr[ae]y/i);
  return find(/lineart|binary|black|halftone/i) ?? find(/gr[ae]y/i);
}

export type SaneFault = 'paper-jam' | 'feeder-empty' | 'cover-open' | 'scanner-busy' | 'device-missing' | 'other';

/** The fault named in scanimage's stderr (the text of sane_strstatus), or null. */
export function faultFromStderr(stderr: string): SaneFault | null {
  if (/Document feeder jammed/i.test(stderr)) return 'paper-jam';
  if (/cover is open/i.test(stderr)) return 'cover-open';
  if (/out of documents/i.test(stderr)) return 'feeder-empty';
  if (/Device busy/i.test(stderr)) return 'scanner-busy';
  if (/open of device .* failed/i.test(stderr)) return 'device-missing';
  if (/scanimage: /.test(stderr)) return 'other';
  return null;
}
