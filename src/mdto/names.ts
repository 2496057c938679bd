// File names for an MDTO SIP: no `< > : " / \ | ? * # &`, no spaces or control characters, no reserved device
// names, bounded length; and the SIP's naming of the metadata files beside each file.

const FORBIDDEN = /[<>:"/\\|?*#&\s\p{Cc}\p{Cf}]+/gu;
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;
const MAX = 120;

/** A name safe in a SIP (and on every file system): forbidden characters become `_`; never empty. */
export function sanitizeName(name: string, fallback = 'document'): string {
  let s = name.normalize('NFC').replace(FORBIDDEN, '_').replace(/_+/g, '_');
  s = s.replace(/^[._]+|[._]+$/g, '');
  if (s.length > MAX) s = s.slice(0, MAX).replace(/[._]+$/g, '');
  if (s === '') return fallback === name ? 'document' : sanitizeName(fallback);
  if (RESERVED.test(s)) s = `_${s}`;
  return s;
}

/** `<naam>.mdto.xml`: the informatieobject's metadata. */
export function informatieobjectFileName(naam: string): string {
  return `${sanitizeName(naam)}.mdto.xml`;
}

/** `<bestandsnaam>.bestand.mdto.xml`: the file's metadata, beside the file. */
export function bestandFileName(bestandsnaam: string): string {
  return `${sanitizeName(bestandsnaam)}.bestand.mdto.xml`;
}

/** The file's own name: the sanitised base with the extension of its format. */
export function fileNameFor(base: string, extension: string): string {
  const ext = extension.replace(/^\.+/, '').toLowerCase();
  return `${sanitizeName(base)}${ext ? `.${sanitizeName(ext)}` : ''}`;
}
