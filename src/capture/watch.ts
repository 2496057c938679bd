// Scan-to-folder: a folder (often a network share an MFP writes into) watched for new files.
// - A file is taken only once it is complete: its size and mtime have not changed for `stableMs`. File events
//   (fs.watch) only make us look sooner; polling is what counts, because events do not arrive over SMB/NFS.
// - Exactly once, across restarts: see ./watch-journal. The journal is consulted by name + SHA-256 before
//   onFile runs, so a crash between onFile and the move finishes the move instead of processing again.
// - Afterwards the file moves to verwerkt/ or, with `<name>.reden.txt` holding the Dutch reason, to mislukt/.
//   One file failing never stops the others.
import { createHash } from 'node:crypto';
import { createReadStream, watch as fsWatch, type FSWatcher } from 'node:fs';
import { mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { FileJournal, type WatchJournal } from './watch-journal';

export const PROCESSED_DIR = 'verwerkt';
export const FAILED_DIR = 'mislukt';
export const DEFAULT_STATE_FILE = '.postkamer-watch.jsonl';

export interface WatchedFile {
  path: string;
  name: string;
  size: number;
  sha256: string;
  /** 1 on the first try; higher when an earlier try was interrupted (crash) — deduplicate by sha256 then. */
  attempt: number;
}

export type WatchOutcome = { ok: true } | { ok: false; reason: string };

export type WatchEvent =
  | { type: 'waiting'; name: string }
  | { type: 'taken'; name: string; attempt: number }
  | { type: 'done'; name: string; recovered?: boolean }
  | { type: 'failed'; name: string; reason: string }
  | { type: 'error'; name?: string; message: string };

export interface WatchOptions {
  pollMs?: number;
  stableMs?: number;
  onFile: (file: WatchedFile) => Promise<WatchOutcome>;
  /** JSON-lines journal; default `<dir>/.postkamer-watch.jsonl`. Ignored when `journal` is given. */
  stateFile?: string;
  journal?: WatchJournal;
  signal?: AbortSignal;
  onEvent?: (e: WatchEvent) => void;
  /** Which names to consider (default: everything but hidden, temporary and reason files). */
  accept?: (name: string) => boolean;
  /** Use file events as a hint to look sooner (default true); polling alone where they are known not to work. */
  fileEvents?: boolean;
}

/** Names scanners and copy tools use while a file is still being written, and our own files. */
const TEMPORARY = /(\.part|\.partial|\.tmp|\.temp|\.crdownload|\.download|\.filepart|~|\.reden\.txt)$/i;
export const defaultAccept = (name: string) =>
  !name.startsWith('.') && !name.startsWith('~$') && !TEMPORARY.test(name) && !/^(thumbs\.db|desktop\.ini)$/i.test(name);

async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/** `name`, or `name (2).ext`, … : never overwrite an earlier file of the same name. */
async function freeName(dir: string, name: string): Promise<string> {
  if (!(await exists(join(dir, name)))) return name;
  const ext = extname(name);
  const stem = basename(name, ext);
  for (let i = 2; ; i++) {
    const candidate = `${stem} (${i})${ext}`;
    if (!(await exists(join(dir, candidate)))) return candidate;
  }
}

const messageOf = (e: unknown) => (e instanceof Error && e.message ? e.message : 'Onbekende fout.');

export function watchFolder(dir: string, opts: WatchOptions): { stop(): Promise<void>; poll(): Promise<void> } {
  const pollMs = opts.pollMs ?? 2_000;
  const stableMs = opts.stableMs ?? 3_000;
  const accept = opts.accept ?? defaultAccept;
  const emit = (e: WatchEvent) => {
    try {
      opts.onEvent?.(e);
    } catch {
      /* a listener's problem is not the watcher's */
    }
  };
  const seen = new Map<string, { size: number; mtimeMs: number; since: number }>();
  let stopping = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let watcher: FSWatcher | undefined;
  let chain: Promise<void> = Promise.resolve();
  let journal: WatchJournal | undefined = opts.journal;
  const stateFile = opts.stateFile ?? join(dir, DEFAULT_STATE_FILE);

  const init = (async () => {
    await mkdir(join(dir, PROCESSED_DIR), { recursive: true });
    await mkdir(join(dir, FAILED_DIR), { recursive: true });
    journal ??= await FileJournal.open(stateFile);
  })();

  async function move(name: string, to: typeof PROCESSED_DIR | typeof FAILED_DIR, reason?: string): Promise<string> {
    const target = join(dir, to);
    const finalName = await freeName(target, name);
    if (reason !== undefined) {
      const text = [
        'Postkamer kon dit bestand niet verwerken.',
        `Bestand: ${name}`,
        `Tijdstip: ${new Date().toISOString()}`,
        `Reden: ${reason}`,
        '',
        'Los de oorzaak op en zet het bestand terug in de map om het opnieuw te laten verwerken.',
        '',
      ].join('\n');
      await writeFile(join(target, `${finalName}.reden.txt`), text, 'utf8');
    }
    await rename(join(dir, name), join(target, finalName));
    return finalName;
  }

  async function take(name: string, size: number, mtimeMs: number): Promise<void> {
    const j = journal!;
    const path = join(dir, name);
    const sha256 = await sha256File(path);
    const again = await stat(path);
    if (again.size !== size || again.mtimeMs !== mtimeMs) {
      seen.set(name, { size: again.size, mtimeMs: again.mtimeMs, since: Date.now() }); // still being written
      return;
    }
    const base = { name, sha256, size, mtimeMs };
    const record = async (step: 'taken' | 'done' | 'failed' | 'moved', extra: Record<string, unknown> = {}) =>
      j.append({ step, ...base, at: new Date().toISOString(), ...extra });
    const finishFailed = async (reason: string) => {
      await move(name, FAILED_DIR, reason);
      await record('moved', { to: FAILED_DIR });
      emit({ type: 'failed', name, reason });
    };

    const known = j.lookup(name, sha256);
    // Processed before, but the move did not happen (crash or a locked share): only finish the move.
    if (known?.outcome === 'done' && !known.moved) {
      await move(name, PROCESSED_DIR);
      await record('moved', { to: PROCESSED_DIR });
      emit({ type: 'done', name, recovered: true });
      return;
    }
    if (known?.outcome === 'failed' && !known.moved) {
      await finishFailed(known.reason ?? 'Onbekende fout.');
      return;
    }
    // The same file again after it was processed: a duplicate, not new work.
    if (known?.doneAt && known.moved) {
      const reason = `Dit bestand is al eerder verwerkt (${known.doneAt}); het is niet opnieuw ingelezen.`;
      await record('failed', { reason });
      await finishFailed(reason);
      return;
    }
    // New, retried after a failure, or interrupted mid-processing by a crash (then attempt > 1).
    const attempt = (known?.attempts ?? 0) + 1;
    await record('taken', { attempt });
    emit({ type: 'taken', name, attempt });
    let outcome: WatchOutcome;
    if (size === 0) outcome = { ok: false, reason: 'Het bestand is leeg (0 bytes).' };
    else {
      try {
        outcome = await opts.onFile({ path, name, size, sha256, attempt });
      } catch (e) {
        outcome = { ok: false, reason: messageOf(e) };
      }
    }
    if (outcome.ok) {
      await record('done');
      await move(name, PROCESSED_DIR);
      await record('moved', { to: PROCESSED_DIR });
      emit({ type: 'done', name });
    } else {
      await record('failed', { reason: outcome.reason });
      await finishFailed(outcome.reason);
    }
  }

  async function cycle(): Promise<void> {
    await init;
    if (stopping) return;
    let names: string[];
    try {
      names = (await readdir(dir, { withFileTypes: true })).filter((d) => !d.isDirectory() && accept(d.name)).map((d) => d.name);
    } catch (e) {
      emit({ type: 'error', message: `Map niet leesbaar: ${messageOf(e)}` });
      return;
    }
    names.sort((a, b) => a.localeCompare(b, 'nl', { numeric: true }));
    for (const gone of [...seen.keys()]) if (!names.includes(gone)) seen.delete(gone);
    for (const name of names) {
      if (stopping) return;
      let st;
      try {
        st = await stat(join(dir, name));
      } catch {
        continue; // vanished between readdir and stat
      }
      if (!st.isFile()) continue;
      const now = Date.now();
      const prev = seen.get(name);
      if (!prev || prev.size !== st.size || prev.mtimeMs !== st.mtimeMs) {
        if (!prev) emit({ type: 'waiting', name });
        seen.set(name, { size: st.size, mtimeMs: st.mtimeMs, since: now });
        continue;
      }
      if (now - prev.since < stableMs) continue;
      // Timestamps in the future (a share with a skewed clock) would never look settled by mtime alone; the
      // size/mtime pair staying put for stableMs on our clock is the test.
      try {
        await take(name, st.size, st.mtimeMs);
        if (!(await exists(join(dir, name)))) seen.delete(name);
      } catch (e) {
        emit({ type: 'error', name, message: messageOf(e) });
      }
    }
  }

  const schedule = (ms: number) => {
    if (stopping) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      chain = chain
        .then(cycle)
        .catch((e) => emit({ type: 'error', message: messageOf(e) }))
        .finally(() => schedule(pollMs));
    }, ms);
  };

  if (opts.fileEvents !== false) {
    try {
      // Only a hint to look sooner; not available (or silent) on many network file systems.
      watcher = fsWatch(dir, () => schedule(50));
      watcher.on('error', () => watcher?.close());
    } catch {
      watcher = undefined;
    }
  }
  init.catch((e) => emit({ type: 'error', message: messageOf(e) }));
  schedule(0);

  const stop = async () => {
    stopping = true;
    clearTimeout(timer);
    watcher?.close();
    await chain.catch(() => undefined);
    await init.catch(() => undefined);
  };
  opts.signal?.addEventListener('abort', () => void stop(), { once: true });

  return {
    stop,
    /** Runs one scan of the folder now (after any running one). */
    poll: () => {
      chain = chain.then(cycle).catch((e) => emit({ type: 'error', message: messageOf(e) }));
      return chain;
    },
  };
}
