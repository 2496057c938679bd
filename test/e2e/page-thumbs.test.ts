// Page thumbnails in the document view, in Debian's Chromium through the real web harness: each page shows its
// thumbnail (served by /page/<id>/thumb from the encrypted vault), a turned page shows the turned one, and axe finds
// nothing serious.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../src/hosts/open';
import { call } from '../support/core-call';
import { seriousViolations } from './support/axe';
import { letterPng } from './support/files';
import { ensureRendererBuilt, launchChromium, startHarness, type Harness } from './support/harness';
import { E2E_ADMIN, initStoreWithAdmin, signInUi } from './support/people';

const PASSPHRASE = 'e2e-miniaturen-wachtwoord';

describe('page thumbnails in the document view', () => {
  let work: string;
  let harness: Harness;
  let browser: Browser;
  let docId: string;

  beforeAll(async () => {
    ensureRendererBuilt();
    work = mkdtempSync(join(tmpdir(), 'postkamer-e2e-thumbs-'));
    const data = join(work, 'data');
    await initStoreWithAdmin(data, PASSPHRASE);
    const file = join(work, 'brief.png');
    writeFileSync(file, await letterPng(['Gemeente Voorbeeldstad', 'Betreft: een boom in de tuin', 'Met vriendelijke groet,']));
    const core = await openCore(data, PASSPHRASE);
    try {
      const r = await call(core, 'ingest.paths', { paths: [file], source: 'cli' }, { origin: 'cli', connection: 'thumbs-e2e' });
      docId = r.documents[0]!.id;
    } finally {
      await core.close();
    }
    harness = await startHarness(data, PASSPHRASE);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** The thumbnail's state as the browser has it: loaded, its pixels, its alt and address. */
  const thumb = (page: Page) =>
    page.getByTestId('page-thumb').evaluate((img: HTMLImageElement) => ({
      loaded: img.complete && img.naturalWidth > 0,
      width: img.naturalWidth,
      height: img.naturalHeight,
      alt: img.alt,
      src: img.getAttribute('src'),
    }));

  it('shows each page as a thumbnail, a turned page turned, and is axe clean', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
    try {
      const page = await context.newPage();
      await harness.openApp(page);
      await signInUi(page, E2E_ADMIN.login, E2E_ADMIN.pin);
      await page.evaluate((h) => (location.hash = h), `#/document/${docId}`);
      await page.getByTestId('page-list').waitFor();
      // Thumbnails load lazily: as they come into view.
      await page.getByTestId('page-thumb').scrollIntoViewIfNeeded();
      const src = await page.getByTestId('page-thumb').getAttribute('src');
      const status = await page.evaluate(async (u) => (await fetch(u!)).status, src);
      expect(status, String(src)).toBe(200);
      await expect.poll(async () => (await thumb(page)).loaded, { timeout: 20_000 }).toBe(true);
      const before = await thumb(page);
      expect(before.alt).toBe('Pagina 1 van 1');
      expect(before.src).toMatch(/^\/page\/[0-9a-f-]{36}\/thumb#v=0$/);
      expect(Math.max(before.width, before.height)).toBe(200);
      expect(before.height).toBeGreaterThan(before.width);
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByRole('button', { name: 'Draai rechtsom (pagina 1)' }).click();
      await expect.poll(async () => (await thumb(page)).src, { timeout: 30_000 }).toMatch(/#v=90$/);
      await expect
        .poll(async () => {
          const t = await thumb(page);
          return t.loaded && t.width > t.height;
        })
        .toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
