// A uuid (version-4 shaped) derived from text: one report, verklaring or list is one PDF document ID, made again the same.
import { createHash } from 'node:crypto';

export function derivedUuid(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
