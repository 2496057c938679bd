import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { seriousViolations } from './support/axe';
import { cliIngest, ensureRendererBuilt, launchChromium, startHarness, type Harness } from './support/harness';
import { writeTestFiles } from './support/files';
import { E2E_ADMIN, initStoreWithAdmin, setupFirstAdminUi, signInUi } from './support/people';

// A journey through the UI on one browser page and one store: each step starts on the screen and with the documents
// the step before left, as a clerk's session does. Its steps keep their order when the suite is shuffled.
describe('the inbox, one journey', { shuffle: false }, () => {
  // The renderer in Debian's Chromium against the real web harness (a child process with its own encrypted
  // store, made by `postkamer init` with its first administrator), the real CLI writing into the same store as that
  // person, and axe for accessibility. Every page signs in as the administrator (all four roles).

  const PASSPHRASE = 'e2e-postkamer-wachtwoord';

  let work: string;
  let data: string;
  let files: Awaited<ReturnType<typeof writeTestFiles>>;
  let harness: Harness;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function openPage(opts: { path?: string } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'nl-NL' });
    contexts.push(context);
    const page = await context.newPage();
    await page.bringToFront();
    page.on('pageerror', (e) => process.stderr.write(`[page error] ${e.message}\n`));
    await harness.openApp(page);
    await signInUi(page, E2E_ADMIN.login, E2E_ADMIN.pin);
    if (opts.path) await page.evaluate((h) => (location.hash = h), opts.path);
    return page;
  }

  const rowFor = (page: Page, fileName: string) => page.locator('tr.doc-row', { has: page.locator('td.file-name', { hasText: fileName }) });
  const fileNames = (page: Page) => page.locator('tr.doc-row td.file-name').allTextContents();

  async function chooseFiles(page: Page, paths: string[]): Promise<void> {
    // Listen first: Playwright turns file-chooser interception on asynchronously.
    const chosen = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Bestanden kiezen…' }).focus();
    await page.keyboard.press('Enter');
    const chooser = await chosen;
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles(paths);
  }

  async function dropFile(page: Page, name: string, bytes: Buffer, type: string): Promise<void> {
    await page.evaluate(
      ({ b64, name, type }) => {
        const raw = atob(b64);
        const data = new Uint8Array(raw.length);
        for (let i = 0; i < raw.length; i++) data[i] = raw.charCodeAt(i);
        const dt = new DataTransfer();
        dt.items.add(new File([data], name, { type }));
        const zone = document.querySelector('[data-testid="drop-zone"]')!;
        for (const ev of ['dragenter', 'dragover', 'drop'])
          zone.dispatchEvent(new DragEvent(ev, { bubbles: true, cancelable: true, dataTransfer: dt }));
      },
      { b64: bytes.toString('base64'), name, type },
    );
  }

  beforeAll(async () => {
    ensureRendererBuilt();
    work = mkdtempSync(join(tmpdir(), 'postkamer-e2e-'));
    data = join(work, 'data');
    mkdirSync(join(work, 'files'));
    files = await writeTestFiles(join(work, 'files'));
    await initStoreWithAdmin(data, PASSPHRASE);
    harness = await startHarness(data, PASSPHRASE);
    browser = await launchChromium();
  });

  // One page at a time: a page left open in the background does not get the file chooser.
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close().catch(() => {});
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  describe('web harness guards', () => {
    it('answers 403 to requests without the token', async () => {
      expect((await fetch(`${harness.origin}/`)).status).toBe(403);
      expect((await fetch(`${harness.origin}/assets/`)).status).toBe(403);
      expect((await fetch(`${harness.origin}/blob/00000000-0000-4000-8000-000000000000/original`)).status).toBe(403);
      expect((await fetch(`${harness.origin}/?token=${'x'.repeat(harness.token.length)}`, { redirect: 'manual' })).status).toBe(403);
      // …and lets the right token in (so the 403s above are about the token, not a broken server), once.
      const session = await harness.session();
      expect(session.setCookie).toMatch(/HttpOnly/);
      expect((await fetch(`${harness.origin}/`, { headers: { cookie: session.header } })).status).toBe(200);
      expect((await fetch(harness.url, { redirect: 'manual' })).status).toBe(403);
    });

    it('refuses a WebSocket from another origin, accepts one from its own, which signs in before anything else', async () => {
      const cookie = (await harness.session()).header;
      const wsUrl = `ws://127.0.0.1:${harness.port}/ws`;
      const attempt = (headers: Record<string, string>) =>
        new Promise<{ opened: boolean; status?: number; socket?: WebSocket }>((ok) => {
          const ws = new WebSocket(wsUrl, { headers });
          ws.once('open', () => ok({ opened: true, socket: ws }));
          ws.once('unexpected-response', (_req, res) => ok({ opened: false, status: res.statusCode }));
          ws.once('error', () => ok({ opened: false }));
        });
      const foreign = await attempt({ cookie, origin: 'http://evil.example' });
      expect(foreign.opened).toBe(false);
      const noCookie = await attempt({ origin: harness.origin });
      expect(noCookie.opened).toBe(false);

      const own = await attempt({ cookie, origin: harness.origin });
      expect(own.opened).toBe(true);
      let id = 0;
      const ask = (cmd: string, input: unknown = {}) =>
        new Promise<{ ok: boolean; error?: { code: string } }>((ok) => {
          own.socket!.once('message', (m) => ok(JSON.parse(String(m))));
          own.socket!.send(JSON.stringify({ t: 'req', id: ++id, cmd, input }));
        });
      // The harness's session cookie lets the socket in; a person still signs in on it before it may read anything.
      expect(await ask('settings.get')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      expect(await ask('auth.signIn', { login: E2E_ADMIN.login, pin: E2E_ADMIN.pin })).toMatchObject({ ok: true });
      expect(await ask('settings.get')).toMatchObject({ ok: true });
      own.socket!.close();
    });
  });

  describe('inbox', () => {
    it('starts empty and explains how to import', async () => {
      const page = await openPage();
      await page.getByRole('heading', { level: 2, name: 'Nog geen documenten' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('nl');
      expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link').allTextContents()).toEqual([
        'Inbox',
        'Scannen',
        'Zoeken',
        'Geweigerd',
        'Verzending',
        'Batches',
        'Archief',
        'Overzicht',
        'Audit',
        'Status',
        'Gebruikers',
        'Instellingen',
      ]);
    });

    it('imports through the file chooser and by drop, lists both, opens one, switches language and back', async () => {
      const page = await openPage();
      await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();

      await chooseFiles(page, [files.png]);
      await rowFor(page, 'aanvraag-parkeervergunning.png').waitFor();

      await dropFile(page, 'bezwaar-aanslag.pdf', files.bytes.pdf, 'application/pdf');
      await rowFor(page, 'bezwaar-aanslag.pdf').waitFor();
      expect(await fileNames(page)).toEqual(expect.arrayContaining(['aanvraag-parkeervergunning.png', 'bezwaar-aanslag.pdf']));
      expect(await page.locator('.import-runs [role="status"]').allTextContents()).toEqual([
        '1 opgeslagen, 0 geweigerd.',
        '1 opgeslagen, 0 geweigerd.',
      ]);

      // Two imports, two batches, oldest first by default: the chosen file's batch comes first.
      expect((await fileNames(page)).slice(0, 2)).toEqual(['aanvraag-parkeervergunning.png', 'bezwaar-aanslag.pdf']);
      // Every document shows its stage; the filter per stage is a group of toggle buttons with counts.
      const filter = page.getByRole('group', { name: 'Filter op fase' });
      await expect.poll(() => filter.getByRole('button', { name: 'Alle (2)' }).getAttribute('aria-pressed')).toBe('true');
      const stage = (await rowFor(page, 'bezwaar-aanslag.pdf').locator('[data-stage]').getAttribute('data-stage'))!;
      expect(['klaar-om-te-koppelen', 'te-controleren']).toContain(stage);
      const chip = filter.locator(`button[data-stage="${stage}"]`);
      await chip.click();
      expect(await chip.getAttribute('aria-pressed')).toBe('true');
      await expect.poll(() => page.getByTestId('announcer').textContent()).toMatch(/: (1 document|2 documenten)$/);
      await filter.getByRole('button', { name: /^Alle/ }).click();
      // Newest first on request: the dropped file's batch comes first.
      await page.getByLabel('Volgorde').selectOption('newest');
      await expect.poll(async () => (await fileNames(page)).slice(0, 2)).toEqual(['bezwaar-aanslag.pdf', 'aanvraag-parkeervergunning.png']);

      // Keyboard: one tab stop, arrows move and are announced, Enter opens.
      const first = page.locator('tr.doc-row').first();
      expect(await first.getAttribute('tabindex')).toBe('0');
      const second = rowFor(page, 'aanvraag-parkeervergunning.png');
      expect(await second.getAttribute('tabindex')).toBe('-1');
      // The title comes from the letter's "Betreft" line when recognition finds one, else from the file name.
      const title = (await second.locator('td').first().textContent())!;
      expect(title).toMatch(/parkeervergunning/i);
      await first.focus();
      await page.keyboard.press('ArrowDown');
      expect(await second.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await second.getAttribute('aria-selected')).toBe('true');
      expect(await first.getAttribute('tabindex')).toBe('-1');
      await expect.poll(() => page.getByTestId('announcer').textContent()).toBe(`${title}, 2 van 2`);
      await page.keyboard.press('Enter');

      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      expect(await page.evaluate(() => location.hash)).toMatch(/^#\/document\/[0-9a-f-]{36}$/);
      const labels = await page.getByTestId('extracted').locator('dt').allTextContents();
      expect(labels).toEqual(['Zaaknummer', 'Datum brief', 'Kenmerk', 'KvK', 'IBAN', 'Postcode', 'Afzender']);
      // A processed image is previewed as its searchable PDF (it shows every page as the clerk arranged them),
      // from the vault over the blob route with the session cookie; the original stays available there too.
      const frame = page.getByTestId('preview-pdf');
      expect(await frame.getAttribute('title')).toBe(`Voorbeeld van ${title}`);
      const pdfSrc = (await frame.getAttribute('src'))!;
      expect(pdfSrc).toMatch(/^\/blob\/[0-9a-f-]{36}\/pdf$/);
      const fetched = await page.evaluate(
        async (u) =>
          Promise.all(
            [u, u.replace(/pdf$/, 'original')].map(async (x) => {
              const r = await fetch(x);
              return {
                status: r.status,
                type: r.headers.get('content-type'),
                head: [...new Uint8Array(await r.arrayBuffer()).slice(0, 4)],
              };
            }),
          ),
        pdfSrc,
      );
      expect(fetched).toEqual([
        { status: 200, type: 'application/pdf', head: [0x25, 0x50, 0x44, 0x46] },
        { status: 200, type: 'image/png', head: [0x89, 0x50, 0x4e, 0x47] },
      ]);

      // English, remembered in the store's settings across a reload (a new connection: signed in again, back on the
      // same document), then back to Dutch.
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 2, name: 'Extracted data' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
      await page.reload();
      await signInUi(page, E2E_ADMIN.login, E2E_ADMIN.pin);
      await page.getByRole('link', { name: 'Search' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Extracted data' }).waitFor();
      await page.getByRole('button', { name: 'Nederlands' }).click();
      await page.getByRole('link', { name: 'Zoeken' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Gevonden gegevens' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('nl');

      await page.getByRole('link', { name: 'Terug naar de inbox' }).click();
      await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
    });

    it('shows a file that the CLI ingests into the same store within a few seconds', async () => {
      const page = await openPage();
      await rowFor(page, 'bezwaar-aanslag.pdf').waitFor();
      expect(await rowFor(page, 'melding-openbare-ruimte.pdf').count()).toBe(0);
      // The CLI is another process: its events never reach this page, only the inbox's polling finds the document.
      const t0 = Date.now();
      let exitedAt = 0;
      const cli = cliIngest(data, PASSPHRASE, [files.cliPdf]).then((r) => {
        exitedAt = Date.now();
        return r;
      });
      await rowFor(page, 'melding-openbare-ruimte.pdf').waitFor({ timeout: 120_000 });
      const visibleAt = Date.now();
      const r = await cli;
      expect(r.code, r.stderr).toBe(0);
      // The document is committed shortly before the CLI exits; it must show within a few seconds of that.
      const lag = (visibleAt - exitedAt) / 1000;
      expect(lag).toBeLessThan(8);
      process.stdout.write(
        `[e2e] CLI ingest ran ${((exitedAt - t0) / 1000).toFixed(1)} s; document visible ${((visibleAt - t0) / 1000).toFixed(1)} s after its start (${lag.toFixed(1)} s after it exited)\n`,
      );
      // Oldest batch first: the CLI's, the newest, is the last.
      expect(await page.locator('tr.batch-row').last().textContent()).toContain('via opdrachtregel');
    });

    it('names an empty file in its Dutch error', async () => {
      const page = await openPage();
      await rowFor(page, 'bezwaar-aanslag.pdf').waitFor();
      await chooseFiles(page, [files.empty]);
      const errors = page.getByTestId('import-errors');
      await errors.waitFor();
      expect(await errors.textContent()).toBe('Bestand is leeg (0 bytes). (leeg.pdf)');
      expect(await page.locator('.import-runs [role="status"]').allTextContents()).toEqual(['0 opgeslagen, 1 geweigerd.']);
      await expect.poll(() => page.getByTestId('announcer').textContent()).toBe('0 opgeslagen, 1 geweigerd.');
    });

    it('lists a file the core rejected on the Geweigerd screen with its Dutch reason', async () => {
      const r = await cliIngest(data, PASSPHRASE, [files.empty]);
      expect(r.code).toBe(2);
      const page = await openPage({ path: '#/geweigerd' });
      await page.getByRole('heading', { level: 1, name: 'Geweigerd' }).waitFor();
      const row = page.locator('tbody tr', { hasText: 'leeg.pdf' }).first();
      await row.waitFor();
      expect(await row.locator('td').nth(1).textContent()).toBe('Bestand is leeg (0 bytes).');
    });

    it('finds a document by its text on the Zoeken screen and marks the hit', async () => {
      const page = await openPage({ path: '#/zoeken' });
      await page.getByLabel('Zoekterm').fill('bezwaar');
      await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
      await page.getByRole('heading', { level: 2, name: '1 resultaat voor “bezwaar”' }).waitFor();
      expect(await page.evaluate(() => location.hash)).toBe('#/zoeken?q=bezwaar');
      const links = await page.locator('ol.results a').allTextContents();
      expect(links).toHaveLength(1);
      expect(links[0]).toMatch(/bezwaar/i);
      const marks = await page.locator('ol.results mark').allTextContents();
      expect(marks.length).toBeGreaterThan(0);
      for (const m of marks) expect(m.toLowerCase()).toBe('bezwaar');
      // The hit markers of the snippet never reach the screen as brackets.
      expect(await page.locator('ol.results .snippet').first().textContent()).not.toMatch(/\[bezwaar\]/i);
      await page.locator('ol.results a').first().click();
      await page.getByRole('heading', { level: 1, name: links[0] }).waitFor();
    });

    it('shows the audit trail and the status', async () => {
      const page = await openPage({ path: '#/audit' });
      await page.getByRole('cell', { name: 'Batch aangemaakt' }).first().waitFor();
      await page.getByRole('link', { name: 'Status' }).click();
      await page.getByText(/Audit-keten: Intact \(\d+ regels\)/).waitFor();
      const documents = page.locator('.stat', { hasText: 'Documenten' }).locator('dd');
      expect(await documents.textContent()).toBe('3');
    });
  });

  describe('accessibility (axe)', () => {
    it('has no serious or critical violations on the inbox, the detail and the other screens', async () => {
      const page = await openPage();
      await rowFor(page, 'bezwaar-aanslag.pdf').waitFor();
      const found: Record<string, string[]> = { inbox: await seriousViolations(page) };

      const title = (await rowFor(page, 'bezwaar-aanslag.pdf').locator('a').textContent())!;
      await rowFor(page, 'bezwaar-aanslag.pdf').locator('a').click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      // A letter that came as a PDF is previewed as its searchable PDF, in a frame with a title.
      const frame = page.getByTestId('preview-pdf');
      expect(await frame.getAttribute('title')).toBe(`Voorbeeld van ${title}`);
      const src = (await frame.getAttribute('src'))!;
      expect(src).toMatch(/^\/blob\/[0-9a-f-]{36}\/pdf$/);
      const served = await page.evaluate(async (u) => {
        const r = await fetch(u);
        return {
          status: r.status,
          type: r.headers.get('content-type'),
          head: new TextDecoder().decode(new Uint8Array(await r.arrayBuffer()).slice(0, 5)),
        };
      }, src);
      expect(served).toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });
      found.detail = await seriousViolations(page);

      for (const [name, hash, ready] of [
        ['search', '#/zoeken?q=bezwaar', 'ol.results li'],
        ['rejections', '#/geweigerd', 'tbody tr'],
        ['audit', '#/audit', 'tbody tr'],
        ['status', '#/status', '.stat'],
      ] as const) {
        await page.evaluate((h) => (location.hash = h), hash);
        await page.locator(ready).first().waitFor();
        found[name] = await seriousViolations(page);
      }
      expect(found).toEqual({ inbox: [], detail: [], search: [], rejections: [], audit: [], status: [] });
    });
  });

  describe('unlock screen (Electron main answers shell.*; here a stand-in for its preload)', () => {
    // The web harness always answers "unlocked"; in the app, Electron main answers shell.state/shell.unlock before
    // the core runs. This stand-in window.postkamer plays main's part (and the core's sign-in), which also shows that
    // the renderer uses whatever window.postkamer it finds and opens no WebSocket of its own then. Unlocking the
    // store and signing in are two steps: a new store first asks for its first administrator.
    async function lockedPage(
      reason: 'first-run' | 'no-keychain',
    ): Promise<{ page: Page; sockets: string[]; unlocks: () => Promise<unknown[]>; calls: () => Promise<string[]> }> {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      contexts.push(context);
      await context.addInitScript(
        ({ why, admin }) => {
          const unlocks: unknown[] = [];
          const calls: string[] = [];
          let locked = true;
          let hasPeople = why !== 'first-run';
          let person: unknown = null;
          const w = window as unknown as { __unlocks: unknown[]; __calls: string[]; postkamer: unknown };
          w.__unlocks = unlocks;
          w.__calls = calls;
          const ok = (data: unknown) => Promise.resolve({ ok: true, data });
          const refuse = (code: string) => Promise.resolve({ ok: false, error: { code, message: 'x' } });
          const auth = () => ok({ needsFirstAdmin: !hasPeople, person, lockedFor: null, autoLockMinutes: 10 });
          const personOf = (login: string) => ({
            login,
            name: admin.name,
            roles: ['medewerker', 'archivaris', 'teamleider', 'beheerder'],
            zgwUserId: null,
            disabled: false,
            createdAt: '2026-03-02T09:00:00.000Z',
          });
          w.postkamer = {
            call(cmd: string, input: { passphrase?: string; create?: boolean; login?: string; pin?: string }) {
              calls.push(cmd);
              if (cmd === 'shell.state') return ok({ locked, reason: locked ? why : null });
              if (cmd === 'shell.unlock') {
                unlocks.push(input);
                if (input.passphrase !== 'het-goede-wachtwoord') return refuse('wrong-passphrase');
                locked = false;
                return ok({ locked: false });
              }
              if (locked) return refuse('forbidden');
              if (cmd === 'auth.state') return auth();
              if (cmd === 'auth.setup') {
                hasPeople = true;
                person = personOf(input.login!);
                return auth();
              }
              if (cmd === 'auth.signIn') {
                if (input.login !== admin.login || input.pin !== admin.pin) return refuse('sign-in-failed');
                person = personOf(input.login);
                return auth();
              }
              if (!person) return refuse('unauthenticated');
              if (cmd === 'settings.get')
                return ok({
                  locale: 'nl',
                  maxFileBytes: 1000,
                  autoLockMinutes: 10,
                  purgeAfterDays: 30,
                  stageWarnHours: 8,
                  perPersonStats: false,
                  archiefvormer: null,
                  exportDir: null,
                });
              if (cmd === 'batches.list' || cmd === 'documents.list') return ok([]);
              if (cmd === 'auth.activity') return ok({});
              return refuse('unknown-command');
            },
            on: () => () => {},
            blobUrl: (id: string, kind: string) => `/blob/${id}/${kind}`,
          };
        },
        { why: reason, admin: E2E_ADMIN },
      );
      const page = await context.newPage();
      const sockets: string[] = [];
      page.on('websocket', (ws) => sockets.push(ws.url()));
      await harness.openApp(page);
      return {
        page,
        sockets,
        unlocks: () => page.evaluate(() => (window as unknown as { __unlocks: unknown[] }).__unlocks),
        calls: () => page.evaluate(() => (window as unknown as { __calls: string[] }).__calls),
      };
    }

    it('first run: asks for the passphrase twice, checks it, creates the store, then asks for its first administrator', async () => {
      const { page, sockets, unlocks, calls } = await lockedPage('first-run');
      await page.getByRole('heading', { level: 1, name: 'Nieuwe opslag aanmaken' }).waitFor();
      expect(await page.getByRole('navigation').count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);

      const pass = page.getByLabel('Wachtwoord', { exact: true });
      const repeat = page.getByLabel('Herhaal het wachtwoord');
      await pass.fill('kort');
      await page.getByRole('button', { name: 'Opslag aanmaken' }).click();
      await page.getByRole('alert').filter({ hasText: 'Het wachtwoord moet minstens 8 tekens hebben.' }).waitFor();
      expect(await pass.getAttribute('aria-invalid')).toBe('true');

      await pass.fill('het-goede-wachtwoord');
      await repeat.fill('het-goede-wachtwoord!');
      await page.keyboard.press('Enter');
      await page.getByRole('alert').filter({ hasText: 'De twee wachtwoorden zijn niet gelijk.' }).waitFor();
      expect(await unlocks()).toEqual([]);

      await repeat.fill('het-goede-wachtwoord');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Eerste beheerder aanmaken' }).waitFor();
      expect(await unlocks()).toEqual([{ passphrase: 'het-goede-wachtwoord', create: true }]);
      expect(await page.getByRole('navigation').count()).toBe(0);
      // Nothing of the store was asked for before the store was open and a person signed in.
      await setupFirstAdminUi(page);
      await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor();
      const asked = await calls();
      expect(asked.slice(0, asked.indexOf('auth.setup') + 1).filter((c) => !c.startsWith('shell.'))).toEqual(['auth.state', 'auth.setup']);
      expect(sockets).toEqual([]);
    });

    it('without a usable keychain: one field, a wrong passphrase is explained in Dutch, then the sign-in', async () => {
      const { page, unlocks } = await lockedPage('no-keychain');
      await page.getByRole('heading', { level: 1, name: 'Postkamer ontgrendelen' }).waitFor();
      expect(await page.getByLabel('Herhaal het wachtwoord').count()).toBe(0);
      await page.getByLabel('Wachtwoord', { exact: true }).fill('een-fout-wachtwoord');
      await page.getByRole('button', { name: 'Ontgrendelen' }).click();
      await page.getByRole('alert').filter({ hasText: 'Onjuist wachtwoord: de opslag kan niet worden geopend.' }).waitFor();
      await page.getByLabel('Wachtwoord', { exact: true }).fill('het-goede-wachtwoord');
      await page.getByRole('button', { name: 'Ontgrendelen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Aanmelden' }).waitFor();
      await signInUi(page, E2E_ADMIN.login, E2E_ADMIN.pin);
      await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
      expect(await unlocks()).toEqual([
        { passphrase: 'een-fout-wachtwoord', create: false },
        { passphrase: 'het-goede-wachtwoord', create: false },
      ]);
    });
  });

  // Last: it stops the harness.
  describe('connection loss', () => {
    it('shows the Dutch banner when the core goes away', async () => {
      const page = await openPage();
      await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
      expect(await page.getByTestId('connection-banner').count()).toBe(0);
      await harness.stop();
      const banner = page.getByTestId('connection-banner');
      await banner.waitFor({ timeout: 10_000 });
      expect(await banner.textContent()).toBe('Verbinding met de kern verbroken — opnieuw verbinden…');
      expect(await banner.getAttribute('role')).toBe('alert');
    });
  });
});
