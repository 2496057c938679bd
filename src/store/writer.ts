// Identity of this process as recorded on work it has claimed (blobs being written, items being processed), so a
// later process can tell work abandoned by a crash from work another live process (the app, the CLI) is doing.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

export const WRITER = `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when the writer may still be working: this process, a live pid on this host, or another host (unknowable). */
export function writerAlive(writer: string): boolean {
  if (writer === WRITER) return true;
  const [host, pidStr] = writer.split('/');
  if (host !== hostname()) return true;
  const pid = Number(pidStr);
  if (pid === process.pid) return false; // same pid, another instance: that process is gone
  return pidAlive(pid);
}
