// One sheet from a scanner for quality control's rescan: the first page the device gives, held in memory only until
// the rescan has recognised and stored it (it is not a new batch). Simplex, whatever the profile says: one page is wanted.
import { EsclClient } from '../capture/escl/client';
import { esclSettingsFor } from '../capture/profiles';
import { scanWithSane } from '../capture/sane';
import type { z } from 'zod';
import { PostkamerError } from '../contract/errors';
import type { Scanner } from '../contract/schemas';
import { profileByName } from './profiles';
import type { ScannerRef } from './scan';
import { admitScanner, type ScannerTrust } from './scanner-trust';
import type { CoreServices, HandlerContext } from './types';

const EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf', 'image/tiff': 'tif' };

export async function scanOnePage(
  core: CoreServices,
  trust: ScannerTrust,
  ctx: HandlerContext,
  scanner: z.infer<typeof Scanner>,
  profileName: string | undefined,
): Promise<{ bytes: Buffer; fileName: string }> {
  const ref: ScannerRef = scanner.kind === 'escl' ? { kind: 'escl', url: scanner.url } : { kind: 'sane', device: scanner.device };
  admitScanner(trust, ref, ctx);
  const profile = { ...profileByName(core.store.db, profileName), duplex: false };
  const abort = new AbortController();
  let first: { bytes: Buffer; mime: string } | null = null;
  const take = async (bytes: Uint8Array, mime: string) => {
    if (first) return;
    first = { bytes: Buffer.from(bytes), mime };
    abort.abort(); // one page is all a rescan needs
  };
  let fault: { code: string; message: string } | undefined;
  if (ref.kind === 'escl') {
    const client = new EsclClient(ref.url);
    const caps = await client.capabilities();
    const src = profile.source === 'flatbed' ? caps.platen : (caps.adfSimplex ?? caps.platen);
    if (!src) throw new PostkamerError('unsupported-setting', '(geen bruikbare invoer)');
    const settings = esclSettingsFor(profile, src);
    if ('unsupported' in settings) throw new PostkamerError('unsupported-setting', `(${settings.unsupported})`);
    const res = await client
      .scan(settings, (p) => take(p.bytes, p.mime), abort.signal, { capabilities: caps })
      .catch((e: unknown) => {
        if (first) return null;
        throw e;
      });
    fault = res?.error;
  } else {
    const colour = profile.colour === 'auto' ? 'colour' : profile.colour;
    const res = await scanWithSane(
      ref.device,
      { source: profile.source, duplex: false, resolution: profile.resolution, colour },
      (p) => take(p.bytes, p.mime),
      abort.signal,
    );
    fault = res.error;
  }
  const got = first as { bytes: Buffer; mime: string } | null;
  if (!got) throw new PostkamerError('scanner-gone', fault ? `(${fault.message})` : '(de scanner gaf geen pagina)');
  return { bytes: got.bytes, fileName: `nascan.${EXT[got.mime] ?? 'bin'}` };
}
