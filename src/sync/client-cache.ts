// The sync worker's ZGW clients, one per environment and signed-in person, rebuilt when the connection changes.
import { PostkamerError } from '../contract/errors';
import type { Store } from '../store/store';
import { createClients, type ZgwClients } from './clients';
import { loadConnection, loadCredentials, type Connection, type Env } from './connections';
import type { WorkerOptions } from './worker-options';

export class ClientCache {
  private readonly clients = new Map<string, { stamp: string; byActor: Map<string, ZgwClients> }>();
  private readonly connections = new Map<string, { at: number; conn: Connection }>();

  constructor(
    private readonly store: Store,
    /** Read at each client's creation (the worker's options object, which may change). */
    private readonly options: Pick<WorkerOptions, 'timeoutMs' | 'now' | 'onRequest'>,
  ) {}

  /** Clients per environment and signed-in person (the JWT's user_id), rebuilt when the connection changes. */
  get(env: string, actor: string): ZgwClients {
    const conn = this.connection(env);
    let entry = this.clients.get(env);
    if (!entry || entry.stamp !== conn.updatedAt) {
      entry = { stamp: conn.updatedAt, byActor: new Map() };
      this.clients.set(env, entry);
    }
    let c = entry.byActor.get(actor);
    if (!c) {
      c = createClients(conn, loadCredentials(this.store, env as Env), {
        identity: { userId: actor, userRepresentation: actor },
        timeoutMs: this.options.timeoutMs,
        now: this.options.now,
        onRequest: this.options.onRequest,
      });
      entry.byActor.set(actor, c);
    }
    return c;
  }

  /** The connection of `env`, re-read at most once a second (a changed connection is picked up quickly). */
  private connection(env: string): Connection {
    const now = Date.now();
    const hit = this.connections.get(env);
    if (hit && now - hit.at < 1000) return hit.conn;
    const conn = loadConnection(this.store.db, env as Env);
    if (!conn) throw new PostkamerError('zgw-not-configured');
    this.connections.set(env, { at: now, conn });
    return conn;
  }
}
