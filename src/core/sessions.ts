// Who is signed in on which connection: a session per channel (the app's window, the web harness's socket, the CLI
// process), locked by the person, by inactivity or by the OS, and resumed only by signing in again.

/** A connection's session: whose it is, whether it is locked, and when its person last did something. */
interface Session {
  login: string;
  /** UI sessions lock after inactivity; a CLI or main session lives as long as its process. */
  autoLocks: boolean;
  locked: boolean;
  lastActive: number;
}

export class Sessions {
  private readonly byConnection = new Map<string, Session>();
  /** The connection most recently signed in to or active: Electron main acts for the person at the window. */
  private latest: string | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  signIn(connection: string, login: string, autoLocks: boolean): void {
    this.byConnection.set(connection, { login, autoLocks, locked: false, lastActive: this.now() });
    this.latest = connection;
  }

  signOut(connection: string): void {
    this.byConnection.delete(connection);
    if (this.latest === connection) this.latest = null;
  }

  /** Locks the connection's session; its person signs in again to resume it. */
  lock(connection: string): void {
    const s = this.byConnection.get(connection);
    if (s) s.locked = true;
  }

  /** Locks every session (the OS session locked or the machine suspends); returns how many were open. */
  lockAll(): number {
    let n = 0;
    for (const s of this.byConnection.values())
      if (!s.locked) {
        s.locked = true;
        n++;
      }
    return n;
  }

  /** The person did something: the auto-lock starts counting again. */
  touch(connection: string): void {
    const s = this.byConnection.get(connection);
    if (s && !s.locked) {
      s.lastActive = this.now();
      this.latest = connection;
    }
  }

  /** Locks sessions idle longer than `idleMs`; returns how many it locked. */
  lockIdle(idleMs: number): number {
    let n = 0;
    for (const s of this.byConnection.values())
      if (s.autoLocks && !s.locked && this.now() - s.lastActive >= idleMs) {
        s.locked = true;
        n++;
      }
    return n;
  }

  /** The login signed in on `connection` when its session is open (not locked, not idle past `idleMs`). */
  active(connection: string | undefined, idleMs: number): string | null {
    const s = connection === undefined ? undefined : this.byConnection.get(connection);
    if (!s || s.locked) return null;
    if (s.autoLocks && this.now() - s.lastActive >= idleMs) {
      s.locked = true;
      return null;
    }
    return s.login;
  }

  /** The login whose session on `connection` is locked, or null. */
  lockedFor(connection: string | undefined): string | null {
    const s = connection === undefined ? undefined : this.byConnection.get(connection);
    return s?.locked ? s.login : null;
  }

  /** The connection Electron main's own calls (an import chosen in a native dialog) act for. */
  latestConnection(): string | undefined {
    return this.latest ?? undefined;
  }

  /** Ends every session of `login` (the person was disabled). */
  endAllOf(login: string): void {
    for (const [c, s] of this.byConnection) if (s.login === login) this.signOut(c);
  }

  /** The connection closed. */
  release(connection: string): void {
    this.signOut(connection);
  }
}
