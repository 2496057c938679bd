// Scanners: finding them on the network and the machine, scanning a batch from one, and stopping a scan.
import { discoverEscl } from '../../capture/escl/discover';
import { listSaneDevices, saneAvailable } from '../../capture/sane';
import { profileByName } from '../profiles';
import { runScanJob, type ScannerRef } from '../scan';
import { admitScanner, type ScannerTrust } from '../scanner-trust';
import type { CoreServices, SomeHandlers } from '../types';

export function scannerCommands(core: CoreServices, trust: ScannerTrust) {
  /** The running scan jobs by batch, to cancel them. */
  const scans = new Map<string, AbortController>();
  return {
    'scanners.list': async (i) => {
      const [escl, sane] = await Promise.all([
        i.discoverMs > 0 ? discoverEscl({ timeoutMs: i.discoverMs }).catch(() => []) : Promise.resolve([]),
        saneAvailable()
          .then((ok) => (ok ? listSaneDevices() : []))
          .catch(() => []),
      ]);
      // What was found may be scanned from (scanners.scan); remembered for as long as the core runs.
      for (const s of escl) trust.found({ kind: 'escl', url: s.baseUrl });
      for (const d of sane) trust.found({ kind: 'sane', device: d.name });
      return [
        ...escl.map((s) => ({ kind: 'escl' as const, url: s.baseUrl, name: s.name })),
        ...sane.map((d) => ({ kind: 'sane' as const, device: d.name, name: d.label })),
      ];
    },
    'scanners.scan': async (i, ctx) => {
      const profile = profileByName(core.store.db, i.profile);
      const ref: ScannerRef = i.scanner.kind === 'escl' ? { kind: 'escl', url: i.scanner.url } : { kind: 'sane', device: i.scanner.device };
      // Refused before any traffic: the UI may only name a scanner the core found or an administrator set up.
      admitScanner(trust, ref, ctx);
      const abort = new AbortController();
      let pages = 0;
      const started = new Promise<string>((resolveStart) => {
        void runScanJob(core.ingestContext(ctx), ref, profile, {
          signal: abort.signal,
          onStart: (batchId) => {
            scans.set(batchId, abort);
            resolveStart(batchId);
            core.emit('scan.progress', { batchId, state: 'scanning', pages: 0, error: null });
          },
          onPage: (n) => {
            pages = n;
            for (const [batchId, a] of scans)
              if (a === abort) core.emit('scan.progress', { batchId, state: 'scanning', pages, error: null });
          },
        })
          .then((out) => {
            scans.delete(out.batchId);
            core.emit('scan.progress', { batchId: out.batchId, state: out.outcome, pages: out.pages, error: out.error });
            core.emit('status.changed', {});
          })
          .catch((e) => process.stderr.write(`[postkamer] scan job failed: ${(e as Error).message}\n`));
      });
      return { batchId: await started, state: 'scanning' as const, pages, error: null };
    },
    'scanners.cancel': (i) => {
      scans.get(i.batchId)?.abort();
      return {};
    },
  } satisfies SomeHandlers;
}
