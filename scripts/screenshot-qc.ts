// Screenshot for the README (1280×800, light): docs/screenshot-qc.png, the quality control of a scan batch — an
// archivist halfway through the sample of a batch a clerk scanned, two pages judged, F pressed on the third and the
// checklist open with a reason chosen.
// Run: node bin/run-ts.mjs scripts/screenshot-qc.ts   (builds the renderer first if there is no bundle)
// Everything is generated here: the letters, the people, a store in a temp folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureRendererBuilt, launchChromium, repoRoot, startHarness } from '../test/e2e/support/harness';
import { signInUi } from '../test/e2e/support/people';
import { QC_CHECKER, seedQcStore } from '../test/e2e/support/qc-seed';
import { renderLetterPage } from '../test/support/letters';

const passphrase = 'schermafdruk-demo-wachtwoord';
const out = resolve(repoRoot, 'docs/screenshot-qc.png');

ensureRendererBuilt();
const work = mkdtempSync(join(tmpdir(), 'postkamer-shot-qc-'));
try {
  const letters = await Promise.all([501, 502, 503, 504, 505, 506].map((seed) => renderLetterPage({ seed, variant: 'clean' })));
  const seed = await seedQcStore(work, passphrase, { clerk: letters.map((l) => l.png), admin: [letters[0]!.png] });
  const harness = await startHarness(seed.data, passphrase);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'nl-NL', colorScheme: 'light' });
    const page = await context.newPage();
    await harness.openApp(page);
    await signInUi(page, QC_CHECKER.login, QC_CHECKER.pin);
    await page.goto(`${harness.origin}/#/batches/${seed.clerkBatch}`);
    await page.getByRole('button', { name: 'Kwaliteitscontrole starten' }).click();
    const progress = page.getByTestId('qc-progress');
    await progress.waitFor();
    for (const judged of [1, 2]) {
      await page.keyboard.press('g');
      await page
        .getByTestId('qc-progress')
        .filter({ hasText: `${judged} van ` })
        .waitFor();
    }
    await page.keyboard.press('f');
    await page.keyboard.press('ArrowDown');
    // The page image has loaded (its natural width is known) before the picture is taken.
    await page.locator('[data-testid="qc-page"] img').evaluate((img) => (img as unknown as { decode(): Promise<void> }).decode());
    await page.mouse.move(0, 0);
    // No caret or focus ring caught half-way through a blink or a transition.
    await page.waitForTimeout(300);
    await page.screenshot({ path: out });
    process.stdout.write(`${out}\n`);
  } finally {
    await browser.close();
    await harness.stop();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
