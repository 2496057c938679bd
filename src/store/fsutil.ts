// The store's file-system helpers: durable atomic writes, directory fsync, and checks that a path stays in a folder.
import { closeSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, writeSync, constants } from 'node:fs';
import { basename, dirname, join, posix, resolve, win32 } from 'node:path';

/** Durable replace: write a temp file, fsync it, rename over the target, fsync the directory. */
export function writeFileAtomic(path: string, data: string | Buffer, mode = 0o600): void {
  const tmp = `${path}.${process.pid}.tmp`;
  // O_EXCL: never write through a file (or a link) someone else put at the temporary name.
  const fd = openExclusive(tmp, mode);
  try {
    try {
      const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let off = 0;
      while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    // Nothing half-written stays behind (an export's temporary file holds decrypted content).
    rmSync(tmp, { force: true });
    throw e;
  }
  fsyncDir(dirname(path));
}

/** Creates `file` new; a stale one (a crash's leftover, or a link planted there) is removed first, never followed. */
function openExclusive(file: string, mode: number): number {
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL;
  try {
    return openSync(file, flags, mode);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    rmSync(file, { force: true });
    return openSync(file, flags, mode);
  }
}

export function fsyncDir(dir: string): void {
  // Directories cannot be opened for fsync on Windows; the rename is durable enough there (NTFS journal).
  if (process.platform === 'win32') return;
  const fd = openSync(dir, constants.O_RDONLY);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * True when `child` is `parent` itself or lies inside it. Compares with path.relative, so `/data-evil` is not
 * inside `/data` (a bare `startsWith` says it is), `..` segments are resolved, a filesystem root works as a parent,
 * and on Windows drive letters and case are compared as Windows does (another drive is never inside).
 * Pure string logic: where the answer guards file access, use `isInsideReal`, which also follows symlinks.
 */
export function isInside(parent: string, child: string, platform: NodeJS.Platform = process.platform): boolean {
  const p = platform === 'win32' ? win32 : posix;
  const rel = p.relative(p.resolve(parent), p.resolve(child));
  if (rel === '') return true;
  if (p.isAbsolute(rel)) return false; // another drive (Windows)
  const first = rel.split(p.sep, 1)[0];
  return first !== '..';
}

/**
 * `isInside` after resolving symlinks on both sides: a link inside `parent` that points outside it is outside.
 * A `child` that does not exist yet is judged by its nearest existing ancestor (the part that can be a link).
 */
export function isInsideReal(parent: string, child: string): boolean {
  let realParent: string;
  try {
    realParent = realpathSync.native(parent);
  } catch {
    return false;
  }
  return isInside(realParent, realpathOfExisting(resolve(child)));
}

function realpathOfExisting(path: string): string {
  const rest: string[] = [];
  let p = path;
  for (;;) {
    try {
      return join(realpathSync.native(p), ...rest.reverse());
    } catch {
      const up = dirname(p);
      if (up === p) return path;
      rest.push(basename(p));
      p = up;
    }
  }
}
