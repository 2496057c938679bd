// Writes a document the user exports to the path they chose, and turns what the file system says no to into a
// contract error that names the path and the reason (never an internal error, never a temporary file left behind).
import { writeFileAtomic } from '../store/fsutil';
import { PostkamerError } from '../contract/errors';

const REASONS: Record<string, string> = {
  EISDIR: 'dit is een map; kies een bestandsnaam',
  ENOENT: 'de map bestaat niet',
  ENOTDIR: 'een deel van het pad is geen map',
  EACCES: 'geen schrijfrechten',
  EPERM: 'geen schrijfrechten',
  EROFS: 'alleen-lezen schijf',
  ENOSPC: 'de schijf is vol',
  EDQUOT: 'de schijfquotum is bereikt',
  ENAMETOOLONG: 'de naam is te lang',
  EINVAL: 'ongeldige bestandsnaam',
};

export function writeExport(path: string, data: Buffer): void {
  try {
    writeFileAtomic(path, data, 0o600);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    const reason = REASONS[code];
    if (!reason) throw e;
    throw new PostkamerError('file-unwritable', `(${path.slice(0, 500)}: ${reason})`, { file: path });
  }
}
