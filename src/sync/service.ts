// The sync as the core sees it: connections, the outbox, the catalogue and the delivery loop behind one object.
import { PostkamerError } from '../contract/errors';
import type { OutboxItem } from '../contract/sync';
import { appendAudit } from '../audit/audit';
import { documentTitle } from '../store/document-facts';
import type { Store } from '../store/store';
import { cachedObjects, lookupZaak, searchCachedZaken } from './catalogue';
import {
  activeEnv,
  getMeta,
  listConnections,
  loadConnection,
  loadCredentials,
  saveConnection,
  setMeta,
  type ConnectionInput,
  type Env,
} from './connections';
import { testConnection } from './connection-test';
import { SyncError } from './failure';
import { BACKGROUND_ACTOR, zgwIdentity } from './identity';
import type { Initiator, OutboxRow, OutboxState } from './outbox-machine';
import { outboxItem } from './outbox-item';
import { enqueue, getRow, listOutbox, outboxCounts, retryNow, type Who } from './outbox';
import { retryCorrections } from './eio-correction';
import { HealthRecorder } from './health-recorder';
import { retryGroup, type RetryGroupQuery } from './retry-group';
import type { InformatieObjectType, ResultaatType, Zaak, ZaakType } from './schemas';
import { connectionBases, describeTarget, UrlScope } from './url-scope';
import { DEFAULT_WORKER_OPTIONS, SyncWorker, type RunSummary, type WorkerOptions } from './worker';
import { envOverrides } from './env-overrides';

// The contract handlers (src/core/commands/sync.ts) are thin calls into this.

export const DEFAULT_CONCURRENCY = 4;
export const DEFAULT_INLINE_LIMIT = 4 * 1024 * 1024;

export interface SyncServiceOptions {
  onChange?: () => void;
  worker?: Partial<WorkerOptions>;
}

export class SyncService {
  readonly worker: SyncWorker;
  /** The outcome of every request, per environment (sync.status `health`). */
  readonly health: HealthRecorder;

  private changeTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: Store,
    private readonly opts: SyncServiceOptions = {},
  ) {
    const db = store.db;
    // The UI re-fetches on `status.changed`; while hundreds of documents go out, tell it at most 4× a second.
    const onChange = opts.onChange
      ? () => {
          if (this.changeTimer) return;
          this.changeTimer = setTimeout(() => {
            this.changeTimer = null;
            opts.onChange!();
          }, 250);
          this.changeTimer.unref?.();
        }
      : undefined;
    // Every request's outcome is recorded (class and code only); a caller's own onRequest still sees every request.
    const callerOnRequest = opts.worker?.onRequest;
    const onRequest = (method: string, url: string) => {
      callerOnRequest?.(method, url);
      return this.health.listen(url);
    };
    this.worker = new SyncWorker(store, {
      ...DEFAULT_WORKER_OPTIONS,
      // Background work is the workstation's own, never a person's (nor the OS account's, which may be a login).
      systemActor: BACKGROUND_ACTOR,
      concurrency: Number(getMeta(db, 'concurrency') ?? DEFAULT_CONCURRENCY),
      inlineLimit: Number(getMeta(db, 'inlineLimitBytes') ?? DEFAULT_INLINE_LIMIT),
      onChange,
      ...envOverrides(process.env),
      ...opts.worker,
      onRequest,
    });
    this.health = new HealthRecorder(db, (fn) => this.worker.commits.run(fn));
  }

  private get db() {
    return this.store.db;
  }

  private requireEnv(): Env {
    const env = activeEnv(this.db);
    if (!env) throw new PostkamerError('zgw-not-configured');
    return env;
  }

  /**
   * Refuses at once a URL a person gave (zaaktype, informatieobjecttype) that lies outside the connection's base
   * URLs: it would be fetched with the credential on delivery. Nothing is queued or sent. (Also documents.edit.)
   */
  requireInside(env: Env, url: string | undefined, what: string): void {
    if (url === undefined) return;
    const conn = loadConnection(this.db, env);
    if (!conn) throw new PostkamerError('zgw-not-configured', `(${env})`);
    const bases = connectionBases(conn);
    if (!new UrlScope(bases).contains(url.trim())) {
      throw new PostkamerError(
        'url-outside-connection',
        `(${what}: ${describeTarget(url.trim())}; toegestaan is alleen wat onder ${bases.join(', ')} valt)`,
        { field: what },
      );
    }
  }

  status() {
    const env = activeEnv(this.db);
    return {
      activeEnv: env,
      connections: listConnections(this.db).map((c) => ({ ...c, active: c.env === env })),
      running: this.worker.isRunning,
      offline: this.worker.offlineEnvs(),
      concurrency: this.worker.options.concurrency,
      inlineLimitBytes: this.worker.options.inlineLimit,
      outbox: outboxCounts(this.db),
      lastRefreshAt: getMeta(this.db, `lastRefreshAt`),
      lastRefreshError: this.worker.lastRefreshError,
      health: this.health.health(this.worker.offlineEnvs()),
    };
  }

  async setConnection(input: ConnectionInput & { activate?: boolean }, who: Who) {
    const c = await saveConnection(this.store, input, who, input.activate ?? false);
    this.changed();
    return { ...c, active: activeEnv(this.db) === c.env };
  }

  activate(env: Env, who: Who) {
    if (!loadConnection(this.db, env)) throw new PostkamerError('zgw-not-configured', `(${env})`);
    this.db
      .transaction(() => {
        setMeta(this.db, 'activeEnv', env);
        appendAudit(this.db, {
          actor: who.actor,
          origin: who.origin,
          action: 'zgw.connection.activate',
          objectType: 'zgw-connection',
          objectId: env,
          result: 'ok',
        });
      })
      .immediate();
    this.changed();
    return this.status();
  }

  setSettings(s: { concurrency?: number; inlineLimitBytes?: number }, who: Who) {
    this.db
      .transaction(() => {
        if (s.concurrency !== undefined) setMeta(this.db, 'concurrency', String(s.concurrency));
        if (s.inlineLimitBytes !== undefined) setMeta(this.db, 'inlineLimitBytes', String(s.inlineLimitBytes));
        appendAudit(this.db, {
          actor: who.actor,
          origin: who.origin,
          action: 'zgw.settings.set',
          objectType: 'zgw-settings',
          objectId: null,
          result: 'ok',
          details: { concurrency: s.concurrency ?? null, inlineLimitBytes: s.inlineLimitBytes ?? null },
        });
      })
      .immediate();
    if (s.concurrency !== undefined) this.worker.options.concurrency = s.concurrency;
    if (s.inlineLimitBytes !== undefined) this.worker.options.inlineLimit = s.inlineLimitBytes;
    this.worker.nudge();
    return this.status();
  }

  async testConnection(env: Env | undefined, who: Who) {
    const e = env ?? this.requireEnv();
    const conn = loadConnection(this.db, e);
    if (!conn) throw new PostkamerError('zgw-not-configured', `(${e})`);
    // The person who tests is who the zaaksysteem sees, as on their deliveries.
    const r = await testConnection(conn, loadCredentials(this.store, e), zgwIdentity(this.db, who.actor));
    this.db
      .transaction(() => {
        appendAudit(this.db, {
          actor: who.actor,
          origin: who.origin,
          action: 'zgw.connection.test',
          objectType: 'zgw-connection',
          objectId: e,
          result: r.ok ? 'ok' : 'failed',
          details: {
            failed:
              r.checks
                .filter((c) => !c.ok)
                .map((c) => c.check)
                .join(',') || null,
          },
        });
      })
      .immediate();
    return { env: e, ...r };
  }

  item(row: OutboxRow): OutboxItem {
    return outboxItem(row, row.titel ?? documentTitle(this.db, row.documentId) ?? '');
  }

  list(state: OutboxState | undefined, limit: number, offset: number): OutboxItem[] {
    return listOutbox(this.db, { state, limit, offset }).map((r) => this.item(r));
  }

  get(documentId: string): OutboxItem | null {
    const r = getRow(this.db, documentId);
    return r ? this.item(r) : null;
  }

  link(
    documentId: string,
    zaaknummer: string,
    types: { informatieobjecttype?: string; vertrouwelijkheidaanduiding?: string },
    who: Who,
  ): OutboxItem {
    const env = this.requireEnv();
    this.requireInside(env, types.informatieobjecttype, 'informatieobjecttype');
    this.worker.yieldRow(documentId);
    const row = enqueue(this.db, { documentId, env, target: { kind: 'zaaknummer', zaaknummer: zaaknummer.trim() }, ...types }, who);
    this.changed();
    return this.item(row);
  }

  relink(
    documentId: string,
    zaaknummer: string,
    types: { informatieobjecttype?: string; vertrouwelijkheidaanduiding?: string },
    who: Who,
  ): OutboxItem {
    const existing = getRow(this.db, documentId);
    if (!existing) throw new PostkamerError('not-found', '(outbox)');
    this.requireInside(existing.env as Env, types.informatieobjecttype, 'informatieobjecttype');
    this.worker.yieldRow(documentId);
    const row = enqueue(
      this.db,
      { documentId, env: existing.env, target: { kind: 'zaaknummer', zaaknummer: zaaknummer.trim() }, ...types },
      who,
    );
    this.changed();
    return this.item(row);
  }

  newZaak(
    documentId: string,
    z: {
      zaaktype: string;
      omschrijving: string;
      initiator?: Initiator;
      informatieobjecttype?: string;
      vertrouwelijkheidaanduiding?: string;
    },
    who: Who,
  ): OutboxItem {
    const env = this.requireEnv();
    // An identificatie known in the cached catalogue is stored as its URL now; otherwise it is resolved on delivery.
    // Anything with a scheme is a URL and must lie under the connection's base URLs.
    let zaaktype = z.zaaktype.trim();
    if (/^[a-z][a-z0-9+.-]*:/i.test(zaaktype)) this.requireInside(env, zaaktype, 'zaaktype');
    this.requireInside(env, z.informatieobjecttype, 'informatieobjecttype');
    if (!/^https?:\/\//.test(zaaktype)) {
      const hit = cachedObjects<ZaakType>(this.db, env, 'zaaktype').find((t) => t.identificatie === zaaktype);
      if (hit) zaaktype = hit.url;
    }
    this.worker.yieldRow(documentId);
    const row = enqueue(
      this.db,
      {
        documentId,
        env,
        target: { kind: 'nieuwe-zaak', newZaak: { zaaktype, omschrijving: z.omschrijving.trim(), initiator: z.initiator } },
        informatieobjecttype: z.informatieobjecttype,
        vertrouwelijkheidaanduiding: z.vertrouwelijkheidaanduiding,
      },
      who,
    );
    this.changed();
    return this.item(row);
  }

  retry(documentId: string, who: Who): OutboxItem {
    const row = retryNow(this.db, documentId, who);
    retryCorrections(this.db, documentId, who); // a delivered document's corrections in attention, too
    this.changed();
    return this.item(row);
  }

  /** Retries a group (a selection, or all with one reason) in one action: one transaction, one audit entry. */
  retryMany(q: RetryGroupQuery, who: Who): { retried: number; skipped: number; reason: string | null } {
    const r = retryGroup(this.db, q, who);
    this.changed();
    return { ...r, reason: q.reason ?? null };
  }

  catalogue() {
    const env = activeEnv(this.db);
    if (!env) return { env: null, zaaktypen: [], informatieobjecttypen: [], resultaattypen: [], refreshedAt: null };
    return {
      env,
      zaaktypen: cachedObjects<ZaakType>(this.db, env, 'zaaktype').map((t) => ({
        url: t.url,
        identificatie: t.identificatie,
        omschrijving: t.omschrijving,
        informatieobjecttypen: t.informatieobjecttypen,
      })),
      informatieobjecttypen: cachedObjects<InformatieObjectType>(this.db, env, 'informatieobjecttype').map((t) => ({
        url: t.url,
        omschrijving: t.omschrijving,
        vertrouwelijkheidaanduiding: t.vertrouwelijkheidaanduiding,
        zaaktypen: t.zaaktypen,
      })),
      resultaattypen: cachedObjects<ResultaatType>(this.db, env, 'resultaattype').map((t) => ({
        url: t.url,
        omschrijving: t.omschrijving,
        zaaktype: t.zaaktype,
      })),
      refreshedAt: getMeta(this.db, 'lastRefreshAt'),
    };
  }

  /**
   * Cached zaken first (works offline); a full zaaknummer not in the cache is looked up on the server when reachable,
   * for `who` (the person who searches; without one, as the background actor).
   */
  async searchZaken(query: string, limit: number, who?: Who) {
    const env = this.requireEnv();
    const summary = (z: Zaak) => ({
      url: z.url,
      identificatie: z.identificatie,
      omschrijving: z.omschrijving,
      zaaktype: z.zaaktype,
      startdatum: z.startdatum,
      einddatum: z.einddatum,
      archiefstatus: z.archiefstatus,
    });
    const cached = searchCachedZaken(this.db, env, query, limit);
    if (cached.length > 0 || /\s/.test(query.trim())) return { zaken: cached.map(summary), source: 'cache' as const };
    try {
      const z = await lookupZaak(this.db, this.worker.clients(env, who?.actor ?? this.worker.options.systemActor), env, query.trim(), 0);
      return { zaken: z ? [summary(z)] : [], source: 'server' as const };
    } catch (e) {
      if (e instanceof SyncError) return { zaken: [], source: 'cache' as const };
      throw e;
    }
  }

  /** Pulls the catalogue and open zaken now, for `who` (the person who asked; without one, the background actor). */
  async refresh(who?: Who) {
    const env = this.requireEnv();
    const all = await this.worker.refresh(who?.actor);
    const r = all[env];
    if (!r) throw new PostkamerError('zgw-unreachable');
    this.changed();
    return r;
  }

  async runOnce(maxWaitMs?: number, concurrency?: number): Promise<RunSummary> {
    if (this.worker.isRunning) throw new PostkamerError('zgw-sync-running');
    if (listConnections(this.db).length === 0) throw new PostkamerError('zgw-not-configured');
    if (concurrency !== undefined) this.worker.options.concurrency = concurrency;
    try {
      return await this.worker.runOnce(maxWaitMs);
    } finally {
      this.health.flush();
    }
  }

  /** The background loop; it also runs before a connection exists, so one configured later is picked up. */
  start(): void {
    this.worker.start();
  }

  async stop(): Promise<void> {
    await this.worker.stop();
    this.health.flush();
    if (this.changeTimer) clearTimeout(this.changeTimer);
    this.changeTimer = null;
  }

  outboxCounts(): Record<string, number> {
    return outboxCounts(this.db);
  }

  /** A document finished processing: one linked while it was still processing can go now. */
  documentReady(): void {
    this.worker.nudge();
  }

  private changed(): void {
    this.worker.nudge();
    this.opts.onChange?.();
  }
}
