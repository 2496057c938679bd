import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initStore, type Store } from '../../../src/store/store';
import { HEALTH_KEEP_MS, insertHealthRows, selectHealth } from '../../../src/store/zgw-health';
import { saveConnection } from '../../../src/sync/connections';
import { envHealth, failureMessage, healthState, outcomeOfFailure, outcomeOfStatus, type HealthFacts } from '../../../src/sync/health';
import { HealthRecorder } from '../../../src/sync/health-recorder';

// The sync health: how a request's outcome is classed, the state that follows, and the outcomes kept in the store.

describe('the class of an outcome', () => {
  it('classes statuses: 2xx and 304 ok, 5xx and 429 server, 401/403 auth, other 4xx client, 3xx invalid', () => {
    expect(outcomeOfStatus(200)).toEqual({ ok: true });
    expect(outcomeOfStatus(201)).toEqual({ ok: true });
    expect(outcomeOfStatus(304)).toEqual({ ok: true });
    expect(outcomeOfStatus(500)).toEqual({ ok: false, class: 'server', code: '500' });
    expect(outcomeOfStatus(503)).toEqual({ ok: false, class: 'server', code: '503' });
    expect(outcomeOfStatus(429)).toEqual({ ok: false, class: 'server', code: '429' });
    expect(outcomeOfStatus(401)).toEqual({ ok: false, class: 'auth', code: '401' });
    expect(outcomeOfStatus(403)).toEqual({ ok: false, class: 'auth', code: '403' });
    expect(outcomeOfStatus(400)).toEqual({ ok: false, class: 'client', code: '400' });
    expect(outcomeOfStatus(404)).toEqual({ ok: false, class: 'client', code: '404' });
    expect(outcomeOfStatus(302)).toEqual({ ok: false, class: 'invalid', code: '302' });
  });

  it('classes failures without an answer as network, and keeps only a safe code', () => {
    expect(outcomeOfFailure({ kind: 'network', code: 'ECONNREFUSED', offline: true, tls: false, dns: false })).toEqual({
      ok: false,
      class: 'network',
      code: 'ECONNREFUSED',
    });
    expect(outcomeOfFailure({ kind: 'timeout', afterMs: 30_000 })).toEqual({ ok: false, class: 'network', code: 'timeout' });
    // A code is never free text: anything but letters, digits, '-' and '_' is dropped, at most 40 characters.
    const odd = outcomeOfFailure({ kind: 'network', code: 'E/zaak 123?bsn=1'.repeat(5), offline: false, tls: false, dns: false });
    expect(odd).toMatchObject({ class: 'network' });
    expect((odd as { code: string }).code).toMatch(/^[A-Za-z0-9_-]{1,40}$/);
    expect(outcomeOfFailure({ kind: 'http', status: 502, problem: { detail: 'Jan Jansen' } })).toEqual({
      ok: false,
      class: 'server',
      code: '502',
    });
    expect(outcomeOfFailure({ kind: 'invalid-response', detail: 'x' })).toEqual({ ok: false, class: 'invalid', code: 'invalid-response' });
    expect(outcomeOfFailure({ kind: 'too-large', limitBytes: 10 })).toEqual({ ok: false, class: 'invalid', code: 'too-large' });
    // Nothing was sent, or a rule of ours: not an outcome of the server.
    expect(outcomeOfFailure({ kind: 'out-of-scope', target: 'https://x', bases: [] })).toBeNull();
    expect(outcomeOfFailure({ kind: 'local', code: 'unknown-zaak', message: 'm' })).toBeNull();
  });
});

describe('the state', () => {
  it('is offline after no answer, failing after 5xx, a refused token or an unusable answer, ok after a success', () => {
    expect(healthState({ ok: false, class: 'network', code: 'ECONNREFUSED' })).toBe('offline');
    expect(healthState({ ok: false, class: 'server', code: '500' })).toBe('failing');
    expect(healthState({ ok: false, class: 'auth', code: '401' })).toBe('failing');
    expect(healthState({ ok: false, class: 'invalid', code: 'invalid-response' })).toBe('failing');
    expect(healthState({ ok: true })).toBe('ok');
    // One document refused (a 400): the server itself works.
    expect(healthState({ ok: false, class: 'client', code: '400' })).toBe('ok');
    expect(healthState(null)).toBe('ok');
    // The worker marked it offline: offline whatever the last outcome was.
    expect(healthState({ ok: true }, true)).toBe('offline');
  });

  it('explains a failure in Dutch from its class and code', () => {
    expect(failureMessage('server', '500')).toContain('serverfout (HTTP 500)');
    expect(failureMessage('auth', '403')).toContain('weigert de toegangssleutel');
    expect(failureMessage('network', 'ECONNREFUSED')).toContain('niet bereikbaar');
    expect(failureMessage('network', 'timeout')).toContain('geen antwoord');
  });

  it('puts facts and outbox counts together, with ISO times', () => {
    const facts: HealthFacts = {
      last: { ok: false, class: 'server', code: '500' },
      lastSuccessAt: Date.UTC(2026, 11, 1, 8, 0),
      lastFailure: { at: Date.UTC(2026, 11, 1, 9, 0), class: 'server', code: '500' },
      errorsLastHour: 3,
      errorsLastDay: 4,
      requestsLastHour: 5,
    };
    expect(envHealth(facts, { attentionByReason: { 'unknown-zaak': 1 }, waitingByReason: { 'zgw-http-500': 2 } })).toEqual({
      state: 'failing',
      lastSuccessAt: '2026-12-01T08:00:00.000Z',
      lastFailure: { at: '2026-12-01T09:00:00.000Z', class: 'server', code: '500', message: failureMessage('server', '500') },
      errorsLastHour: 3,
      errorsLastDay: 4,
      requestsLastHour: 5,
      attentionByReason: { 'unknown-zaak': 1 },
      waitingByReason: { 'zgw-http-500': 2 },
    });
  });
});

describe('outcomes in the store', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'postkamer-health-'));
    store = await initStore(dir, { passphrase: 'health-unit-test' });
  });
  afterEach(() => {
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts the last hour and day, knows the last success and failure, and prunes what is older than two days', () => {
    const now = Date.UTC(2026, 11, 7, 12, 0);
    const min = 60_000;
    insertHealthRows(
      store.db,
      [
        { env: 'test', at: now - HEALTH_KEEP_MS - 5 * min, ok: false, class: 'server', code: '500' },
        { env: 'test', at: now - 5 * 60 * min, ok: false, class: 'network', code: 'ECONNREFUSED' },
        { env: 'test', at: now - 30 * min, ok: true, class: null, code: null },
        { env: 'test', at: now - 10 * min, ok: false, class: 'server', code: '500' },
        { env: 'test', at: now - 5 * min, ok: false, class: 'server', code: '503' },
        { env: 'productie', at: now - min, ok: true, class: null, code: null },
      ],
      now,
    );
    // The row older than two days went with the write that came after it.
    expect(store.db.prepare('SELECT count(*) AS n FROM zgw_health').get()).toEqual({ n: 5 });
    expect(selectHealth(store.db, 'test', now)).toEqual({
      last: { ok: false, class: 'server', code: '503' },
      lastSuccessAt: now - 30 * min,
      lastFailure: { at: now - 5 * min, class: 'server', code: '503' },
      errorsLastHour: 2,
      errorsLastDay: 3,
      requestsLastHour: 3,
    });
    expect(selectHealth(store.db, 'productie', now)).toMatchObject({ last: { ok: true }, errorsLastDay: 0, requestsLastHour: 1 });
    expect(selectHealth(store.db, 'acceptatie', now)).toMatchObject({ last: null, lastSuccessAt: null, lastFailure: null });
    // Codes and classes only: no column could hold a URL or a body.
    expect(store.db.prepare('SELECT name FROM pragma_table_info(?)').all('zgw_health')).toEqual(
      ['id', 'env', 'at', 'ok', 'class', 'code'].map((name) => ({ name })),
    );
  });

  it('records through the recorder by the URL of a configured environment, and shows the health per environment', async () => {
    await saveConnection(
      store,
      {
        env: 'test',
        zaken: 'https://oz.example/zaken/api/v1',
        documenten: 'https://oz.example/documenten/api/v1',
        catalogi: 'https://oz.example/catalogi/api/v1',
        clientId: 'ws1',
        secret: 'geheim-genoeg',
        rsin: '002220647',
      },
      { actor: 'admin', origin: 'cli' },
    );
    let now = Date.UTC(2026, 11, 7, 12, 0);
    const commits: (() => void)[] = [];
    const recorder = new HealthRecorder(
      store.db,
      (fn) => (commits.push(fn), Promise.resolve()),
      () => now,
    );
    expect(recorder.listen('https://elders.example/api/x')).toBeUndefined();
    recorder.listen('https://oz.example/zaken/api/v1/zaken?identificatie=Z-1')!({ ok: true });
    now += 1000;
    recorder.listen('https://oz.example/documenten/api/v1/enkelvoudiginformatieobjecten')!({ ok: false, class: 'server', code: '500' });
    expect(commits).toHaveLength(1); // one group commit for what came in meanwhile
    const h = recorder.health([]);
    expect(Object.keys(h)).toEqual(['test']);
    expect(h.test).toMatchObject({
      state: 'failing',
      lastSuccessAt: new Date(now - 1000).toISOString(),
      lastFailure: { class: 'server', code: '500' },
      errorsLastHour: 1,
      requestsLastHour: 2,
      attentionByReason: {},
    });
    expect(JSON.stringify(store.db.prepare('SELECT * FROM zgw_health').all())).not.toMatch(/oz\.example|Z-1/);
    commits[0](); // the queued commit finds nothing left to write
    expect(store.db.prepare('SELECT count(*) AS n FROM zgw_health').get()).toEqual({ n: 2 });
    expect(recorder.health(['test']).test.state).toBe('offline');
  });
});
