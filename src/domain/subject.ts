// The document's title: the subject line of a letter ("Betreft: …", "Onderwerp: …"), else null.
import type { OcrPage } from './types';
import { redactBsns } from './mask';

const SUBJECT = /^\s*(?:betreft|onderwerp|inzake|re)\s*[:.]?\s+(.{3,})$/iu;

export function findSubject(pages: OcrPage[]): string | null {
  for (const page of pages.slice(0, 2)) {
    for (const line of page.text.split('\n')) {
      const m = SUBJECT.exec(line);
      if (m) {
        const s = redactBsns(m[1].replace(/\s+/g, ' ').trim()).replace(/[.,;:]$/, '');
        if (/\p{L}{2,}/u.test(s)) return s.slice(0, 200);
      }
    }
  }
  return null;
}
