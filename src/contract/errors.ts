// Stable error codes that cross the boundary between the core and its clients (renderer, CLI, main).
// A client shows `messages[code][lang]`; the code never changes once released.

export const errorMessages = {
  'invalid-input': { nl: 'Ongeldige invoer.', en: 'Invalid input.' },
  'unknown-command': { nl: 'Onbekende opdracht.', en: 'Unknown command.' },
  'forbidden': { nl: 'Deze opdracht is hier niet toegestaan.', en: 'This command is not allowed here.' },
  'not-found': { nl: 'Niet gevonden.', en: 'Not found.' },
  'internal': { nl: 'Er ging intern iets mis. Probeer het opnieuw of vraag de beheerder.', en: 'Something went wrong internally.' },
  'wrong-passphrase': { nl: 'Onjuist wachtwoord: de opslag kan niet worden geopend.', en: 'Wrong passphrase: the store cannot be opened.' },
  'no-passphrase': { nl: 'Geen wachtwoord opgegeven (POSTKAMER_PASSPHRASE of invoer).', en: 'No passphrase given (POSTKAMER_PASSPHRASE or prompt).' },
  'store-not-initialised': { nl: 'Er is hier nog geen opslag. Maak die eerst aan met "postkamer init".', en: 'No store here yet. Create one with "postkamer init".' },
  'store-exists': { nl: 'Hier bestaat al een opslag.', en: 'A store already exists here.' },
  'store-too-new': { nl: 'Deze opslag is gemaakt door een nieuwere versie van Postkamer en wordt niet aangeraakt.', en: 'This store was made by a newer Postkamer and is left untouched.' },
  'store-corrupt': { nl: 'De opslag is beschadigd.', en: 'The store is damaged.' },
  'blob-integrity': { nl: 'Een opgeslagen bestand is beschadigd (controle mislukt).', en: 'A stored file failed its integrity check.' },
  'file-not-found': { nl: 'Bestand bestaat niet.', en: 'File does not exist.' },
  'file-unreadable': { nl: 'Bestand kan niet gelezen worden (geen leesrechten).', en: 'File cannot be read (permission denied).' },
  'file-empty': { nl: 'Bestand is leeg (0 bytes).', en: 'File is empty (0 bytes).' },
  'file-too-large': { nl: 'Bestand is groter dan de ingestelde limiet.', en: 'File exceeds the configured size limit.' },
  'file-not-regular': { nl: 'Dit is geen gewoon bestand.', en: 'Not a regular file.' },
  'input-empty': { nl: 'Bestand is leeg.', en: 'File is empty.' },
  'input-unsupported': { nl: 'Bestandsformaat wordt niet ondersteund (geen PDF, TIFF, JPEG of PNG).', en: 'Unsupported file format.' },
  'input-truncated': { nl: 'Bestand is afgebroken of beschadigd.', en: 'File is truncated or damaged.' },
  'input-encrypted': { nl: 'PDF is met een wachtwoord beveiligd.', en: 'PDF is password-protected.' },
  'input-javascript': { nl: 'PDF bevat JavaScript en wordt om veiligheidsredenen geweigerd.', en: 'PDF contains JavaScript and is refused.' },
  'input-too-large': { nl: 'Afbeelding is te groot (mogelijk een decompressiebom).', en: 'Image too large (possible decompression bomb).' },
  'input-too-many-pages': { nl: 'Bestand heeft te veel pagina\'s.', en: 'Too many pages.' },
  'ocr-failed': { nl: 'Tekstherkenning mislukt voor deze pagina.', en: 'OCR failed for this page.' },
  'upload-unknown': { nl: 'Onbekende of verlopen upload.', en: 'Unknown or expired upload.' },
  'upload-out-of-order': { nl: 'Upload-deel in verkeerde volgorde ontvangen.', en: 'Upload chunk out of order.' },
  'upload-incomplete': { nl: 'Upload is niet compleet.', en: 'Upload is incomplete.' },
  'zgw-not-configured': { nl: 'Er is nog geen verbinding met het zaaksysteem ingesteld.', en: 'No zaaksysteem connection configured.' },
  'zgw-unreachable': { nl: 'Het zaaksysteem is niet bereikbaar.', en: 'The zaaksysteem cannot be reached.' },
  'zgw-rejected': { nl: 'Het zaaksysteem heeft het verzoek geweigerd.', en: 'The zaaksysteem rejected the request.' },
  'invalid-rsin': { nl: 'RSIN is ongeldig (11-proef).', en: 'RSIN is invalid (11-check).' },
} as const satisfies Record<string, { nl: string; en: string }>;

export type ErrorCode = keyof typeof errorMessages;
export const errorCodes = Object.keys(errorMessages) as ErrorCode[];

export interface WireError {
  code: string;
  /** Dutch message (the product's default language); clients may look up `errorMessages[code]` instead. */
  message: string;
  /** Extra context safe to show: a file name, a field path. Never personal data or secrets. */
  details?: Record<string, unknown>;
}

/** Error thrown inside the core; crosses the boundary as a WireError. */
export class PostkamerError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  constructor(code: ErrorCode, detail?: string, details?: Record<string, unknown>) {
    super(detail ? `${errorMessages[code].nl} ${detail}` : errorMessages[code].nl);
    this.name = 'PostkamerError';
    this.code = code;
    this.details = details;
  }
  toWire(): WireError {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

export function messageFor(code: string, lang: 'nl' | 'en' = 'nl'): string {
  const m = (errorMessages as Record<string, { nl: string; en: string }>)[code];
  return m ? m[lang] : errorMessages.internal[lang];
}
