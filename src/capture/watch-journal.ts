// The watched folder's memory: what happened to which file, so a file is processed once even across restarts.
// A file is known by name + SHA-256 of its bytes (size and mtime are recorded for the log). Each step is one
// appended JSON line, flushed to disk before the next step starts:
//   taken  → onFile is about to run (a restart that sees only this ran into a crash mid-processing: try again,
//            with the attempt number, so the consumer can deduplicate by hash)
//   done / failed → onFile finished (a restart that sees this but no `moved` only finishes the move)
//   moved  → the file is in verwerkt/ or mislukt/ (`as`: its name there; a file in verwerkt/ is watched for a while
//            longer: new content is a new version, see ./watch)
// A torn last line (crash mid-write) is ignored. The consumer may supply its own store (e.g. the encrypted database).
import { open, readFile, rename } from 'node:fs/promises';

export type JournalStep = 'taken' | 'done' | 'failed' | 'moved';

export interface JournalEntry {
  step: JournalStep;
  name: string;
  sha256: string;
  size: number;
  mtimeMs: number;
  at: string;
  attempt?: number;
  reason?: string;
  to?: 'verwerkt' | 'mislukt';
  /** The name the file got in verwerkt/ or mislukt/ (`moved`). */
  as?: string;
  /** The consumer's reference for what it made of the file (`done`), e.g. a batch id. */
  ref?: string;
}

export interface JournalSummary {
  attempts: number;
  outcome?: 'done' | 'failed';
  reason?: string;
  moved: boolean;
  /** Processed successfully at some point (a later copy of the same file is a duplicate, not new work). */
  doneAt?: string;
  size?: number;
  mtimeMs?: number;
  to?: 'verwerkt' | 'mislukt';
  as?: string;
  movedAt?: string;
  ref?: string;
}

export interface WatchJournal {
  lookup(name: string, sha256: string): JournalSummary | undefined;
  append(entry: JournalEntry): Promise<void>;
  /** Every file the journal knows (to pick up, after a restart, the files still watched for a new version). */
  list?(): { name: string; sha256: string; summary: JournalSummary }[];
}

function listOf(map: Map<string, JournalSummary>) {
  return [...map].map(([k, summary]) => {
    const [name, sha256] = k.split('\u0000');
    return { name, sha256, summary };
  });
}

const keyOf = (name: string, sha256: string) => `${name}\u0000${sha256}`;

export function fold(summary: JournalSummary | undefined, e: JournalEntry | (JournalSummary & { step: 'summary' })): JournalSummary {
  if (e.step === 'summary') {
    const { step: _step, name: _name, sha256: _sha, ...rest } = e as JournalSummary & { step: 'summary'; name?: string; sha256?: string };
    return rest;
  }
  const s: JournalSummary = summary ? { ...summary } : { attempts: 0, moved: false };
  s.size = e.size;
  s.mtimeMs = e.mtimeMs;
  switch (e.step) {
    case 'taken':
      s.attempts = Math.max(s.attempts + 1, e.attempt ?? 0);
      s.outcome = undefined;
      s.reason = undefined;
      s.moved = false;
      break;
    case 'done':
      s.outcome = 'done';
      s.doneAt ??= e.at;
      if (e.ref !== undefined) s.ref = e.ref;
      s.moved = false;
      break;
    case 'failed':
      s.outcome = 'failed';
      s.reason = e.reason;
      s.moved = false;
      break;
    case 'moved':
      s.moved = true;
      s.to = e.to;
      s.as = e.as;
      s.movedAt = e.at;
      break;
  }
  return s;
}

/** An in-memory journal (tests, or a consumer that persists elsewhere). */
export class MemoryJournal implements WatchJournal {
  readonly entries: JournalEntry[] = [];
  private readonly map = new Map<string, JournalSummary>();
  lookup(name: string, sha256: string) {
    return this.map.get(keyOf(name, sha256));
  }
  list() {
    return listOf(this.map);
  }
  async append(entry: JournalEntry) {
    this.entries.push(entry);
    const k = keyOf(entry.name, entry.sha256);
    this.map.set(k, fold(this.map.get(k), entry));
  }
}

/** The default journal: JSON lines in a file, each append fsync'ed. */
export class FileJournal implements WatchJournal {
  private constructor(
    private readonly path: string,
    private readonly map: Map<string, JournalSummary>,
    private lines: number,
  ) {}

  static async open(path: string): Promise<FileJournal> {
    const map = new Map<string, JournalSummary>();
    let lines = 0;
    let text = '';
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      let e: (JournalEntry | (JournalSummary & { step: 'summary' })) & { name?: string; sha256?: string };
      try {
        e = JSON.parse(line);
      } catch {
        continue; // torn write
      }
      if (typeof e?.name !== 'string' || typeof e?.sha256 !== 'string') continue;
      const k = keyOf(e.name, e.sha256);
      map.set(k, fold(map.get(k), e));
      lines++;
    }
    const j = new FileJournal(path, map, lines);
    // Compact a long history into one line per file, atomically (temp file, fsync, rename).
    if (lines > 5_000 && lines > map.size * 2) await j.compact();
    return j;
  }

  lookup(name: string, sha256: string) {
    return this.map.get(keyOf(name, sha256));
  }

  list() {
    return listOf(this.map);
  }

  async append(entry: JournalEntry): Promise<void> {
    const fh = await open(this.path, 'a', 0o600);
    try {
      await fh.appendFile(`${JSON.stringify(entry)}\n`, 'utf8');
      await fh.datasync();
    } finally {
      await fh.close();
    }
    const k = keyOf(entry.name, entry.sha256);
    this.map.set(k, fold(this.map.get(k), entry));
    this.lines++;
  }

  private async compact(): Promise<void> {
    const tmp = `${this.path}.tmp`;
    const fh = await open(tmp, 'w', 0o600);
    try {
      for (const [k, s] of this.map) {
        const [name, sha256] = k.split('\u0000');
        await fh.appendFile(`${JSON.stringify({ step: 'summary', name, sha256, ...s })}\n`, 'utf8');
      }
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, this.path);
    this.lines = this.map.size;
  }
}
