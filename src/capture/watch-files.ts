// File steps of the watched folder (./watch): hashing, and moving a file away without overwriting, with its reason.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rename, stat, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';

/** SHA-256 of the file, or of its first `length` bytes. */
export async function sha256File(path: string, length?: number): Promise<string> {
  const h = createHash('sha256');
  const range = length === undefined ? {} : { start: 0, end: length - 1 };
  if (length !== 0) for await (const chunk of createReadStream(path, range)) h.update(chunk as Buffer);
  return h.digest('hex');
}

export async function exists(p: string): Promise<boolean> {
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

/** Moves `from/name` into `target` under a free name; with a reason, `<final name>.reden.txt` beside it. */
export async function moveAway(from: string, name: string, target: string, reason?: string): Promise<string> {
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
  await rename(join(from, name), join(target, finalName));
  return finalName;
}
