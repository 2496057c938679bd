// Measures the inbox with a morning's post: N documents in a few batches, in Chromium against the web harness.
// Not a test (no timed assertions): prints figures. Run: node bin/run-ts.mjs test/e2e/support/measure-inbox.ts [N]
// The store is filled in-process with recognition switched off (the UI is what is measured, not OCR).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Core } from '../../../src/core/core';
import { storeAsIs } from '../../../src/core/process';
import { initStore } from '../../../src/store/store';
import { signInAsAdmin } from '../../support/people';
import { launchChromium, startHarness } from './harness';
import { E2E_ADMIN, signInUi } from './people';

const N = Number(process.argv[2] ?? 500);
const BATCHES = 5;
const pass = 'meet-wachtwoord-inbox';
const work = mkdtempSync(join(tmpdir(), 'postkamer-measure-'));
const data = join(work, 'data');
const ctx = { origin: 'cli' as const, connection: 'meting' };

const core = new Core(await initStore(data, { passphrase: pass }), { processor: storeAsIs, close: async () => undefined });
// The store's first administrator (all four roles), who fills it here and signs in on every page below.
await signInAsAdmin(core, ctx);
const t0 = performance.now();
for (let b = 0; b < BATCHES; b++) {
  const ids: string[] = [];
  for (let i = 0; i < N / BATCHES; i++) {
    const name = `post-${b + 1}-${String(i + 1).padStart(3, '0')}.pdf`;
    const bytes = Buffer.from(`%PDF-1.7\n% ${name} ${Math.random()}\n`);
    const begun = await core.call('upload.begin', { name, size: bytes.length }, ctx);
    if (!begun.ok) throw new Error(begun.error.code);
    const { uploadId } = begun.data as { uploadId: string };
    await core.call('upload.chunk', { uploadId, offset: 0, data: bytes.toString('base64') }, ctx);
    ids.push(uploadId);
  }
  const r = await core.call('upload.commit', { uploadIds: ids }, ctx);
  if (!r.ok) throw new Error(r.error.code);
}
await core.close();
process.stdout.write(`filled ${N} documents in ${BATCHES} batches: ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

const harness = await startHarness(data, pass);
const browser = await launchChromium();
try {
  for (let run = 1; run <= 3; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await harness.openApp(page);
    await signInUi(page, E2E_ADMIN.login, E2E_ADMIN.pin);
    await page.waitForFunction((n) => document.querySelectorAll('tr.doc-row').length === n, N, { timeout: 60_000 });
    const shown = await page.evaluate(() => performance.now());
    // Keyboard: 50 × ArrowDown through the grid, each until the next row has the focus and is marked selected.
    const perMove = await page.evaluate(async () => {
      const rows = document.querySelectorAll<HTMLElement>('tr.doc-row');
      rows[0].focus();
      const times: number[] = [];
      for (let i = 0; i < 50; i++) {
        const before = document.activeElement;
        const s = performance.now();
        before!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, cancelable: true }));
        await new Promise((r) => setTimeout(r, 0)); // React flushes a discrete event's update in a microtask
        // (no named helpers in here: tsx would wrap them in a __name() the page does not have)
        while (document.activeElement === before || document.activeElement?.getAttribute('aria-selected') !== 'true')
          await new Promise((r) => requestAnimationFrame(() => r(null)));
        times.push(performance.now() - s);
      }
      times.sort((a, b) => a - b);
      return { median: times[25], p95: times[47], max: times[49] };
    });
    const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
    process.stdout.write(
      `run ${run}: ${N} rows on screen ${shown.toFixed(0)} ms after navigation start; ArrowDown→selected median ${perMove.median.toFixed(1)} ms, p95 ${perMove.p95.toFixed(1)} ms, max ${perMove.max.toFixed(1)} ms; JS heap ${(heap / 1e6).toFixed(1)} MB\n`,
    );
    await context.close();
  }
} finally {
  await browser.close();
  await harness.stop();
  rmSync(work, { recursive: true, force: true });
}
