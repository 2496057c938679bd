// Screenshot of the inbox with a few documents, for the README: docs/screenshot-inbox.png (1280×800).
// Run: node bin/run-ts.mjs scripts/screenshot.ts   (builds the renderer first if there is no bundle)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cliIngest, ensureRendererBuilt, launchChromium, repoRoot, startHarness } from '../test/e2e/support/harness';
import { letterPdf, letterPng } from '../test/e2e/support/files';
import { writeFileSync } from 'node:fs';

const out = resolve(repoRoot, 'docs/screenshot-inbox.png');
const passphrase = 'schermafdruk-demo-wachtwoord';

ensureRendererBuilt();
const work = mkdtempSync(join(tmpdir(), 'postkamer-shot-'));
const data = join(work, 'data');
const files = join(work, 'files');
const harness = await (async () => {
  const { mkdirSync } = await import('node:fs');
  mkdirSync(files);
  return startHarness(data, passphrase);
})();
try {
  const morning = [
    ['bezwaar-woz-beschikking.pdf', ['Datum: 3 maart 2026', 'Uw kenmerk: ZAAK-2026-0000000123', 'Betreft: bezwaar WOZ-beschikking 2026']],
    ['aanvraag-omgevingsvergunning.pdf', ['Datum: 2 maart 2026', 'Betreft: aanvraag omgevingsvergunning']],
    ['melding-losliggende-stoeptegel.png', ['Betreft: melding losliggende stoeptegel']],
    ['verzoek-kwijtschelding.pdf', ['Datum: 27 februari 2026', 'Zaaknummer: ZAAK-2026-0000000187', 'Betreft: verzoek om kwijtschelding']],
  ] as const;
  const paths: string[] = [];
  for (const [name, lines] of morning) {
    const p = join(files, name);
    writeFileSync(p, name.endsWith('.png') ? await letterPng(['Gemeente Voorbeeldstad', ...lines]) : await letterPdf(['Gemeente Voorbeeldstad', ...lines]));
    paths.push(p);
  }
  writeFileSync(join(files, 'leeg.pdf'), Buffer.alloc(0));
  await cliIngest(data, passphrase, [...paths, join(files, 'leeg.pdf')]);
  const scan = join(files, 'scan-0001-inspraakreactie.pdf');
  writeFileSync(scan, await letterPdf(['Gemeente Voorbeeldstad', 'Betreft: inspraakreactie bestemmingsplan']));
  const scan2 = join(files, 'scan-0002-ingebrekestelling.png');
  writeFileSync(scan2, await letterPng(['Gemeente Voorbeeldstad', 'Betreft: ingebrekestelling']));
  await cliIngest(data, passphrase, [scan, scan2]);

  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'nl-NL', colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(harness.url);
    await page.locator('tr.doc-row').nth(5).waitFor();
    await page.locator('tr.doc-row').first().focus();
    await page.screenshot({ path: out });
    process.stdout.write(`${out}\n`);
  } finally {
    await browser.close();
  }
} finally {
  await harness.stop();
  rmSync(work, { recursive: true, force: true });
}
