// Scan-to-folder: a folder (often a network share an MFP writes into) watched for new files.
// - A file is taken only once it is complete: its size and mtime have not changed for `stableMs` AND its format says
//   it is whole (./complete: PDF %%EOF after startxref, JPEG EOI, PNG IEND, TIFF IFDs in range). A file that stops
//   growing while still incomplete waits `graceMs` before it goes to mislukt/; if it grows again it is taken whole.
//   File events (fs.watch) only make us look sooner; polling is what counts: events do not arrive over SMB/NFS.
// - A file can look whole between pages (a TIFF written page by page, a PDF saved incrementally). So a taken file is
//   watched for `graceMs` more: if it changes in verwerkt/ (the writer kept its handle), or a file of the same name
//   arrives again that begins with the earlier bytes (an incremental save through a new handle), the new content goes
//   to onFile with `replaces` (the earlier content's hash and ref): a new version; the earlier one stays where onFile
//   put it. (Same name, other content is new work: a scanner may name every scan alike.) The journal remembers what
//   was taken, across restarts.
// - Exactly once, across restarts: see ./watch-journal. The journal is consulted by name + SHA-256 before
//   onFile runs, so a crash between onFile and the move finishes the move instead of processing again.
// - Afterwards the file moves to verwerkt/ or, with `<name>.reden.txt` holding the Dutch reason, to mislukt/.
//   One file failing never stops the others.
import { watch as fsWatch, type FSWatcher } from 'node:fs';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { checkFile } from './complete';
import { exists, moveAway, sha256File } from './watch-files';
import { FileJournal, type JournalEntry, type WatchJournal } from './watch-journal';

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
  /** Set when this is new content of a file taken before (same name, within `graceMs`): a new version of it. */
  replaces?: { sha256: string; ref?: string };
}

/** `ref`: what the consumer made of the file (e.g. a batch id), handed back in a later version's `replaces`. */
/** `replaced`: for a new version, whether the consumer replaced what it made of the earlier one (false: both stay). */
export type WatchOutcome = { ok: true; ref?: string; replaced?: boolean } | { ok: false; reason: string };

export type WatchEvent =
  | { type: 'waiting'; name: string }
  | { type: 'incomplete'; name: string; reason: string }
  | { type: 'version'; name: string; ref?: string; replaces?: string; replaced?: boolean }
  | { type: 'taken'; name: string; attempt: number }
  | { type: 'done'; name: string; recovered?: boolean }
  | { type: 'failed'; name: string; reason: string }
  | { type: 'error'; name?: string; message: string };

export interface WatchOptions {
  pollMs?: number;
  /** How long size and mtime must stay put (default 10 s). */
  stableMs?: number;
  /** How long an incomplete file that stopped growing waits before mislukt/, and a taken file is watched (10 min). */
  graceMs?: number;
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

const messageOf = (e: unknown) => (e instanceof Error && e.message ? e.message : 'Onbekende fout.');

export const DEFAULT_STABLE_MS = 10_000;
export const DEFAULT_GRACE_MS = 600_000;

/** A taken file in verwerkt/ (under `as`), watched for new content until `until`. */
interface Followed {
  name: string;
  as: string;
  sha256: string;
  size: number;
  mtimeMs: number;
  ref?: string;
  until: number;
  pending?: { size: number; mtimeMs: number; since: number };
}

type Step = JournalEntry['step'];

export function watchFolder(dir: string, opts: WatchOptions): { stop(): Promise<void>; poll(): Promise<void> } {
  const pollMs = opts.pollMs ?? 2_000;
  const stableMs = opts.stableMs ?? DEFAULT_STABLE_MS;
  const graceMs = opts.graceMs ?? DEFAULT_GRACE_MS;
  const accept = opts.accept ?? defaultAccept;
  const emit = (e: WatchEvent) => {
    try {
      opts.onEvent?.(e);
    } catch {
      /* a listener's problem is not the watcher's */
    }
  };
  const seen = new Map<string, { size: number; mtimeMs: number; since: number; incomplete?: string }>();
  const followed = new Map<string, Followed>();
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
    // After a restart: files moved to verwerkt/ less than graceMs ago are still watched for a new version.
    const now = Date.now();
    for (const { name, sha256, summary: s } of journal.list?.() ?? []) {
      if (!s.moved || s.to !== PROCESSED_DIR || !s.as || !s.movedAt || s.size === undefined || s.mtimeMs === undefined) continue;
      const at = Date.parse(s.movedAt);
      const prev = followed.get(s.as);
      if (now - at > graceMs || (prev && prev.until - graceMs > at)) continue;
      followed.set(s.as, { name, as: s.as, sha256, size: s.size, mtimeMs: s.mtimeMs, ref: s.ref, until: at + graceMs });
    }
  })();

  const move = (from: string, name: string, to: typeof PROCESSED_DIR | typeof FAILED_DIR, reason?: string) =>
    moveAway(from, name, join(dir, to), reason);

  /** What the journal is told about one file's bytes. */
  const recorder =
    (base: { name: string; sha256: string; size: number; mtimeMs: number }) =>
    async (step: Step, extra: Partial<JournalEntry> = {}) =>
      journal!.append({ step, ...base, at: new Date().toISOString(), ...extra });

  /** Calls onFile and records the outcome; the file then moves (or, for a version in verwerkt/, stays). */
  async function runOnFile(file: WatchedFile, record: ReturnType<typeof recorder>): Promise<WatchOutcome> {
    await record('taken', { attempt: file.attempt });
    emit({ type: 'taken', name: file.name, attempt: file.attempt });
    let outcome: WatchOutcome;
    if (file.size === 0) outcome = { ok: false, reason: 'Het bestand is leeg (0 bytes).' };
    else {
      try {
        outcome = await opts.onFile(file);
      } catch (e) {
        outcome = { ok: false, reason: messageOf(e) };
      }
    }
    if (outcome.ok) await record('done', outcome.ref === undefined ? {} : { ref: outcome.ref });
    else await record('failed', { reason: outcome.reason });
    return outcome;
  }

  const follow = (name: string, as: string, sha256: string, size: number, mtimeMs: number, ref?: string) =>
    followed.set(as, { name, as, sha256, size, mtimeMs, ref, until: Date.now() + graceMs });

  /** The latest taken file of this name still watched, if `path` begins with its bytes: then `path` is a new version. */
  const earlier = async (name: string, path: string, size: number) => {
    let best: Followed | undefined;
    for (const f of followed.values()) if (f.name === name && (!best || f.until > best.until)) best = f;
    if (!best || best.size > size || (await sha256File(path, best.size)) !== best.sha256) return undefined;
    return { sha256: best.sha256, ...(best.ref === undefined ? {} : { ref: best.ref }) };
  };

  async function take(name: string, size: number, mtimeMs: number): Promise<void> {
    const j = journal!;
    const path = join(dir, name);
    const sha256 = await sha256File(path);
    const again = await stat(path);
    if (again.size !== size || again.mtimeMs !== mtimeMs) {
      seen.set(name, { size: again.size, mtimeMs: again.mtimeMs, since: Date.now() }); // still being written
      return;
    }
    const record = recorder({ name, sha256, size, mtimeMs });
    const finishFailed = async (reason: string) => {
      const as = await move(dir, name, FAILED_DIR, reason);
      await record('moved', { to: FAILED_DIR, as });
      emit({ type: 'failed', name, reason });
    };
    const finishDone = async (ref: string | undefined, recovered?: boolean) => {
      const as = await move(dir, name, PROCESSED_DIR);
      await record('moved', { to: PROCESSED_DIR, as });
      follow(name, as, sha256, size, mtimeMs, ref);
      emit(recovered ? { type: 'done', name, recovered } : { type: 'done', name });
    };

    const known = j.lookup(name, sha256);
    // Processed before, but the move did not happen (crash or a locked share): only finish the move.
    if (known?.outcome === 'done' && !known.moved) return finishDone(known.ref, true);
    if (known?.outcome === 'failed' && !known.moved) return finishFailed(known.reason ?? 'Onbekende fout.');
    // The same file again after it was processed: a duplicate, not new work.
    if (known?.doneAt && known.moved) {
      const reason = `Dit bestand is al eerder verwerkt (${known.doneAt}); het is niet opnieuw ingelezen.`;
      await record('failed', { reason });
      return finishFailed(reason);
    }
    // New, retried after a failure, or interrupted mid-processing by a crash (then attempt > 1).
    const replaces = await earlier(name, path, size);
    const file: WatchedFile = { path, name, size, sha256, attempt: (known?.attempts ?? 0) + 1, ...(replaces ? { replaces } : {}) };
    const outcome = await runOnFile(file, record);
    if (!outcome.ok) return finishFailed(outcome.reason);
    if (replaces) emit({ type: 'version', name, ref: outcome.ref, replaces: replaces.ref, ...replacedOf(outcome) });
    await finishDone(outcome.ref);
  }

  /** An incomplete file that stopped growing graceMs ago: to mislukt/ with the reason. */
  async function quarantine(name: string, size: number, mtimeMs: number, why: string): Promise<void> {
    const sha256 = await sha256File(join(dir, name));
    const record = recorder({ name, sha256, size, mtimeMs });
    const minutes = Math.round(graceMs / 6_000) / 10;
    const reason = `${why} Het bestand is ${minutes} minuten niet meer gegroeid en is daarom als onvolledig apart gezet.`;
    await record('failed', { reason });
    const as = await move(dir, name, FAILED_DIR, reason);
    await record('moved', { to: FAILED_DIR, as });
    emit({ type: 'failed', name, reason });
  }

  /** A taken file in verwerkt/ that changed: once stable and whole, its new content is a new version. */
  async function followUp(f: Followed): Promise<void> {
    const now = Date.now();
    const path = join(dir, PROCESSED_DIR, f.as);
    let st;
    try {
      st = await stat(path);
    } catch {
      followed.delete(f.as); // moved away by the clerk
      return;
    }
    if (st.size === f.size && st.mtimeMs === f.mtimeMs) {
      if (now > f.until) followed.delete(f.as);
      return;
    }
    const p = f.pending;
    if (!p || p.size !== st.size || p.mtimeMs !== st.mtimeMs) {
      f.pending = { size: st.size, mtimeMs: st.mtimeMs, since: now };
      f.until = Math.max(f.until, now + graceMs);
      return;
    }
    if (now - p.since < stableMs) return;
    const check = await checkFile(path);
    if (!check.complete) {
      if (now - p.since < graceMs) return;
      emit({ type: 'error', name: f.name, message: `${f.as} in ${PROCESSED_DIR}/ is veranderd maar onvolledig gebleven: ${check.reason}` });
      followed.delete(f.as);
      return;
    }
    const sha256 = await sha256File(path);
    const again = await stat(path);
    if (again.size !== st.size || again.mtimeMs !== st.mtimeMs) return; // still being written
    const base = { name: f.name, sha256, size: st.size, mtimeMs: st.mtimeMs };
    const record = recorder(base);
    const known = journal!.lookup(f.name, sha256);
    let ref = known?.ref;
    if (sha256 !== f.sha256 && known?.outcome !== 'done') {
      const replaces = { sha256: f.sha256, ...(f.ref === undefined ? {} : { ref: f.ref }) };
      const outcome = await runOnFile({ path, ...base, attempt: (known?.attempts ?? 0) + 1, replaces }, record);
      if (!outcome.ok) {
        followed.delete(f.as);
        const as = await move(join(dir, PROCESSED_DIR), f.as, FAILED_DIR, outcome.reason);
        await record('moved', { to: FAILED_DIR, as });
        emit({ type: 'failed', name: f.name, reason: outcome.reason });
        return;
      }
      ref = outcome.ref;
      emit({ type: 'version', name: f.name, ref, replaces: f.ref, ...replacedOf(outcome) });
    }
    if (sha256 !== f.sha256) {
      await record('moved', { to: PROCESSED_DIR, as: f.as }); // it stays where it is: verwerkt/
      emit({ type: 'done', name: f.name });
    }
    followed.set(f.as, { ...f, sha256, size: st.size, mtimeMs: st.mtimeMs, ref, pending: undefined, until: now + graceMs });
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
      // Timestamps in the future (a share with a skewed clock) would never look settled by mtime alone; the
      // size/mtime pair staying put for stableMs on our clock is the test.
      if (now - prev.since < stableMs) continue;
      try {
        if (prev.incomplete === undefined && st.size > 0) {
          const check = await checkFile(join(dir, name));
          if (!check.complete) {
            prev.incomplete = check.reason;
            emit({ type: 'incomplete', name, reason: check.reason });
          }
        }
        if (prev.incomplete !== undefined) {
          if (now - prev.since >= graceMs) await quarantine(name, st.size, st.mtimeMs, prev.incomplete);
        } else await take(name, st.size, st.mtimeMs);
        if (!(await exists(join(dir, name)))) seen.delete(name);
      } catch (e) {
        emit({ type: 'error', name, message: messageOf(e) });
      }
    }
    for (const f of [...followed.values()]) {
      if (stopping) return;
      try {
        await followUp(f);
      } catch (e) {
        emit({ type: 'error', name: f.name, message: messageOf(e) });
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

function replacedOf(o: WatchOutcome): { replaced?: boolean } {
  return o.ok && o.replaced !== undefined ? { replaced: o.replaced } : {};
}
