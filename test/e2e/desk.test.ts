import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amsterdamDate } from '../../src/domain/amsterdam-date';
import { openStore } from '../../src/store/store';
import { cliPath, repoRoot } from '../support/cli';
import { DESK_REASONS, seedDesk, type DeskSeedResult } from '../support/desk-seed';
import { seriousViolations } from './support/axe';
import { ensureRendererBuilt, launchChromium, startHarness, type Harness } from './support/harness';
import { cliEnv, initStoreWithAdmin, signInUi } from './support/people';

// The supervisor's desk in Debian's Chromium over the real web harness and store, with a month of post from three
// people generated into the store (test/support/desk-seed.ts): each stage's count is the core's, each count opens the
// inbox filtered to its stage, the chart's table holds report.summary's figures for a chosen period, and axe finds
// nothing serious.
const STAGES = ['nieuw', 'te-controleren', 'klaar-om-te-koppelen', 'in-outbox', 'aandacht-nodig', 'afgeleverd'] as const;
type Stage = (typeof STAGES)[number];

describe('the desk', { shuffle: false }, () => {
  const PASSPHRASE = 'e2e-desk-wachtwoord';
  const LEAD = { login: 'lies', pin: '864209' };
  let work: string;
  let data: string;
  let seeded: DeskSeedResult;
  let harness: Harness;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  /** A command through the page's own API (the same connection and person as the UI). */
  const api = <T>(cmd: string, input: unknown): Promise<T> =>
    page.evaluate(
      async ([c, i]) => {
        const r = await (
          window as unknown as { postkamer: { call(c: string, i: unknown): Promise<{ ok: boolean; data?: unknown }> } }
        ).postkamer.call(c as string, i);
        if (!r.ok) throw new Error(`${c as string}: ${JSON.stringify(r)}`);
        return r.data;
      },
      [cmd, input] as const,
    ) as Promise<T>;
  const card = (s: Stage) => page.locator(`li.desk-stage[data-stage="${s}"]`);
  const shownCount = async (s: Stage) => Number((await card(s).locator('a.desk-stage-count').textContent())!.replace(/\D/g, ''));
  const openDesk = async () => {
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Overzicht' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Overzicht');
    await card('afgeleverd').waitFor();
  };

  beforeAll(async () => {
    ensureRendererBuilt();
    work = mkdtempSync(join(tmpdir(), 'postkamer-e2e-desk-'));
    data = join(work, 'data');
    await initStoreWithAdmin(data, PASSPHRASE);
    const r = spawnSync(
      process.execPath,
      [cliPath, 'users', 'add', LEAD.login, '--naam', 'Lies Leiding', '--rol', 'teamleider', '--data', data],
      {
        cwd: repoRoot,
        env: { ...cliEnv(PASSPHRASE), POSTKAMER_NEW_PIN: LEAD.pin },
        encoding: 'utf8',
      },
    );
    if (r.status !== 0) throw new Error(`postkamer users add: ${r.stderr}`);
    const store = await openStore(data, { kind: 'passphrase', passphrase: PASSPHRASE });
    try {
      seeded = seedDesk(store.db, { now: new Date(), documents: 240, days: 30, eachStage: 4, seed: 1717 });
    } finally {
      store.close();
    }
    harness = await startHarness(data, PASSPHRASE);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
    page = await context.newPage();
    page.on('pageerror', (e) => process.stderr.write(`[page error] ${e.message}\n`));
    await harness.openApp(page);
    await signInUi(page, LEAD.login, LEAD.pin);
  });

  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close();
    await harness?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('shows every stage with the count the core gives, and no axe violations', async () => {
    await openDesk();
    const status = await api<{ stages: Record<Stage, { count: number; warn: boolean }> }>('app.status', {});
    const counts = await api<Record<Stage, number>>('documents.stageCounts', {});
    for (const s of STAGES) {
      expect(await shownCount(s), s).toBe(status.stages[s].count);
      if (s !== 'afgeleverd') {
        expect(status.stages[s].count, s).toBe(counts[s]);
        expect(counts[s], s).toBe(seeded.byStage[s]);
      }
      // A warning is shown, in words, exactly where the core raises one.
      expect(await card(s).locator('.desk-stage-warn').count(), s).toBe(status.stages[s].warn ? 1 : 0);
    }
    // `afgeleverd` on the desk: today's deliveries (the inbox lists every delivered document).
    expect(status.stages.afgeleverd.count).toBe(seeded.deliveredToday);
    expect(counts.afgeleverd).toBe(seeded.byStage.afgeleverd);
    for (const s of STAGES.filter((x) => x !== 'afgeleverd')) expect(await shownCount(s), s).toBeGreaterThanOrEqual(4);
    expect(await page.getByText('Er is nog geen zaaksysteem ingesteld.').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('opens the inbox filtered to a stage from its count, for every stage', async () => {
    const counts = await api<Record<Stage, number>>('documents.stageCounts', {});
    for (const s of STAGES) {
      await card(s).locator('a.desk-stage-count').click();
      await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/inbox?stage=${s}`);
      const chip = page.getByRole('group', { name: 'Filter op fase' }).locator(`button[data-stage="${s}"]`);
      await expect.poll(() => chip.getAttribute('aria-pressed')).toBe('true');
      await expect.poll(() => page.locator('tr.doc-row').count()).toBe(counts[s]);
      await openDesk();
    }
  });

  it('shows the classification states with the core’s counts, each a link to the review queue on that state', async () => {
    await openDesk();
    const q = await api<{ counts: Record<string, number> }>('classification.queue', { limit: 1 });
    for (const s of ['niet-geclassificeerd', 'te-controleren', 'geclassificeerd']) {
      const shown = await page.locator(`.desk-classification li[data-state="${s}"] .desk-classification-count`).textContent();
      expect(Number(shown!.replace(/\D/g, '')), s).toBe(q.counts[s]);
    }
    await page.locator('.desk-classification li[data-state="te-controleren"] a').click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Archief');
    await expect.poll(() => page.locator('button.chip[data-state="te-controleren"]').getAttribute('aria-pressed')).toBe('true');
  });

  it('shows the chosen period’s figures of report.summary in the chart and in its table', async () => {
    await openDesk();
    const now = new Date();
    const to = amsterdamDate(now);
    const from = amsterdamDate(new Date(now.getTime() - 29 * 86_400_000));
    await page.getByLabel('Van', { exact: true }).fill(from);
    await page.getByLabel('Tot en met', { exact: true }).fill(to);
    const report = await api<{
      totals: { received: number; delivered: number };
      perDay: { day: string; received: number; pages: number; delivered: number }[];
      perPerson: unknown;
    }>('report.summary', { from, to });
    expect(report.perDay).toHaveLength(30);
    expect(report.totals.received).toBeGreaterThan(200);
    expect(report.perPerson).toBeNull();

    const table = page.getByTestId('desk-chart-table');
    await expect.poll(() => table.locator('tbody tr').first().getAttribute('data-day')).toBe(from);
    await page.getByText('De cijfers van het diagram als tabel').click();
    const rows = await table.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        day: tr.getAttribute('data-day'),
        received: Number(tr.querySelector('[data-col="received"]')!.textContent),
        pages: Number(tr.querySelector('[data-col="pages"]')!.textContent),
        delivered: Number(tr.querySelector('[data-col="delivered"]')!.textContent),
      })),
    );
    expect(rows).toEqual(report.perDay);
    expect(await table.locator('caption').textContent()).toMatch(/^Per dag/);
    expect(await table.locator('th[scope="col"]').count()).toBe(4);

    // The chart is an image with a summary that names the totals; the per-person figures are off and say so.
    const chart = page.locator('.desk-chart svg[role="img"]');
    expect(await chart.count()).toBe(1);
    expect(await chart.getAttribute('aria-label')).toContain(`${report.totals.received} documenten ontvangen`);
    expect(await page.locator('.desk-chart .recharts-bar-rectangle').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('desk-per-person-off').textContent()).toContain('WOR art. 27');
    expect(await page.locator('.desk-cli').textContent()).toContain(`postkamer report --from ${from} --to ${to} --format pdf`);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('refuses a period that ends before it starts, in words', async () => {
    await page.getByLabel('Van', { exact: true }).fill('2026-03-02');
    await page.getByLabel('Tot en met', { exact: true }).fill('2026-03-01');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'De periode eindigt vóór ze begint' }).count()).toBe(1);
  });

  it('hands a document in attention back to the clerk with a note, from Verzending; the document shows it', async () => {
    await openDesk();
    const attention = await shownCount('aandacht-nodig');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Verzending' }).click();
    const group = page.getByTestId('outbox-attention');
    await group.waitFor();
    const first = group.locator('tbody tr').first();
    const href = (await first.locator('td a').first().getAttribute('href'))!;
    await first.getByRole('button', { name: /Teruggeven aan medewerker/ }).click();
    await first.getByLabel('Toelichting voor de medewerker').fill('Zaak onbekend: zoek haar op via de afzender.');
    expect(await seriousViolations(page)).toEqual([]);
    await first.getByRole('button', { name: 'Teruggeven', exact: true }).click();
    await expect.poll(() => page.locator('[aria-live]').filter({ hasText: 'teruggegeven aan de medewerker' }).count()).toBeGreaterThan(0);
    await openDesk();
    await expect.poll(() => shownCount('aandacht-nodig')).toBe(attention - 1);
    // The clerk sees it in te-controleren, with the note on the document.
    const docs = await api<{ id: string; title: string; stage: string; stageReason: string | null }[]>('documents.list', {
      stage: 'te-controleren',
      limit: 1000,
    });
    const handed = docs.find((d) => d.stageReason === 'Zaak onbekend: zoek haar op via de afzender.')!;
    expect(href).toBe(`#/document/${handed.id}`);
    await page.goto(`${harness.origin}/#/document/${handed.id}`);
    await expect.poll(() => page.getByTestId('hand-back-note').textContent()).toContain('Zaak onbekend: zoek haar op via de afzender.');
  });

  it('follows the work by events, without a reload: a group retried moves out of attention', async () => {
    await openDesk();
    const attention = await shownCount('aandacht-nodig');
    const inOutbox = await shownCount('in-outbox');
    expect(attention).toBeGreaterThan(0);
    await page.evaluate(() => ((window as unknown as { deskMark: number }).deskMark = 17));
    // Another person's action, through the same core: every reason of the generated data retried.
    for (const reason of DESK_REASONS) await api('sync.retryMany', { reason });
    await expect.poll(() => shownCount('aandacht-nodig')).toBe(0);
    await expect.poll(() => shownCount('in-outbox')).toBe(inOutbox + attention);
    expect(await page.evaluate(() => (window as unknown as { deskMark?: number }).deskMark)).toBe(17);
  });
});
