// Stable error codes that cross the boundary between the core and its clients (renderer, CLI, main).
// A client shows `messages[code][lang]`; the code never changes once released.

export const errorMessages = {
  'invalid-input': { nl: 'Ongeldige invoer.', en: 'Invalid input.' },
  'unknown-command': { nl: 'Onbekende opdracht.', en: 'Unknown command.' },
  forbidden: { nl: 'Deze opdracht is hier niet toegestaan.', en: 'This command is not allowed here.' },
  unauthenticated: { nl: 'Meld u eerst aan met uw gebruikersnaam en pincode.', en: 'Sign in first with your login and PIN.' },
  'sign-in-failed': { nl: 'Onbekende gebruikersnaam of verkeerde pincode.', en: 'Unknown login or wrong PIN.' },
  'sign-in-delayed': {
    nl: 'Te veel mislukte pogingen voor deze gebruikersnaam: wacht even en probeer het dan opnieuw.',
    en: 'Too many failed attempts for this login: wait and try again.',
  },
  'first-admin-needed': {
    nl: 'Er is nog niemand aangemaakt in deze opslag: maak eerst de eerste beheerder aan ("postkamer init").',
    en: 'This store has no people yet: create the first administrator first ("postkamer init").',
  },
  'document-purged': {
    nl: 'Dit document is na aflevering van deze werkplek opgeschoond: de inhoud is er niet meer, alleen de verwijzing naar het zaaksysteem.',
    en: 'This document was purged from this workstation after delivery; only its reference to the zaaksysteem remains.',
  },
  'people-exist': { nl: 'Deze opslag heeft al een beheerder.', en: 'This store already has an administrator.' },
  'person-exists': { nl: 'Er bestaat al iemand met deze gebruikersnaam.', en: 'Someone with this login already exists.' },
  'last-administrator': {
    nl: 'Dit is de laatste actieve beheerder: maak eerst iemand anders beheerder.',
    en: 'This is the last active administrator: make someone else administrator first.',
  },
  'not-found': { nl: 'Niet gevonden.', en: 'Not found.' },
  internal: { nl: 'Er ging intern iets mis. Probeer het opnieuw of vraag de beheerder.', en: 'Something went wrong internally.' },
  'wrong-passphrase': { nl: 'Onjuist wachtwoord: de opslag kan niet worden geopend.', en: 'Wrong passphrase: the store cannot be opened.' },
  'no-passphrase': {
    nl: 'Geen wachtwoord opgegeven (POSTKAMER_PASSPHRASE of invoer).',
    en: 'No passphrase given (POSTKAMER_PASSPHRASE or prompt).',
  },
  'store-not-initialised': {
    nl: 'Er is hier nog geen opslag. Maak die eerst aan met "postkamer init".',
    en: 'No store here yet. Create one with "postkamer init".',
  },
  'store-exists': { nl: 'Hier bestaat al een opslag.', en: 'A store already exists here.' },
  'store-too-new': {
    nl: 'Deze opslag is gemaakt door een nieuwere versie van Postkamer en wordt niet aangeraakt.',
    en: 'This store was made by a newer Postkamer and is left untouched.',
  },
  'store-corrupt': { nl: 'De opslag is beschadigd.', en: 'The store is damaged.' },
  'blob-integrity': { nl: 'Een opgeslagen bestand is beschadigd (controle mislukt).', en: 'A stored file failed its integrity check.' },
  'file-not-found': { nl: 'Bestand bestaat niet.', en: 'File does not exist.' },
  'file-unreadable': { nl: 'Bestand kan niet gelezen worden (geen leesrechten).', en: 'File cannot be read (permission denied).' },
  'file-empty': { nl: 'Bestand is leeg (0 bytes).', en: 'File is empty (0 bytes).' },
  'file-too-large': { nl: 'Bestand is groter dan de ingestelde limiet.', en: 'File exceeds the configured size limit.' },
  'file-unwritable': { nl: 'Bestand kan niet worden geschreven.', en: 'File cannot be written.' },
  'file-not-regular': { nl: 'Dit is geen gewoon bestand.', en: 'Not a regular file.' },
  'input-empty': { nl: 'Bestand is leeg.', en: 'File is empty.' },
  'input-unsupported': { nl: 'Bestandsformaat wordt niet ondersteund (geen PDF, TIFF, JPEG of PNG).', en: 'Unsupported file format.' },
  'input-truncated': { nl: 'Bestand is afgebroken of beschadigd.', en: 'File is truncated or damaged.' },
  'input-encrypted': { nl: 'PDF is met een wachtwoord beveiligd.', en: 'PDF is password-protected.' },
  'input-javascript': {
    nl: 'PDF bevat JavaScript en wordt om veiligheidsredenen geweigerd.',
    en: 'PDF contains JavaScript and is refused.',
  },
  'input-too-large': { nl: 'Afbeelding is te groot (mogelijk een decompressiebom).', en: 'Image too large (possible decompression bomb).' },
  'input-too-many-pages': { nl: "Bestand heeft te veel pagina's.", en: 'Too many pages.' },
  'input-blank': { nl: "Alle pagina's zijn blanco; er is geen document van gemaakt.", en: 'All pages are blank; no document was made.' },
  'invalid-zaaknummer-pattern': {
    nl: 'Het ingestelde zaaknummerpatroon is ongeldig.',
    en: 'The configured case number pattern is invalid.',
  },
  'invalid-scan-date': { nl: 'Ongeldige scandatum.', en: 'Invalid scan date.' },
  'ocr-failed': { nl: 'Tekstherkenning mislukt voor deze pagina.', en: 'OCR failed for this page.' },
  'upload-unknown': { nl: 'Onbekende of verlopen upload.', en: 'Unknown or expired upload.' },
  'upload-out-of-order': { nl: 'Upload-deel in verkeerde volgorde ontvangen.', en: 'Upload chunk out of order.' },
  'upload-incomplete': { nl: 'Upload is niet compleet.', en: 'Upload is incomplete.' },
  'too-many-requests': {
    nl: 'Te veel verzoeken tegelijk over deze verbinding; wacht tot de vorige klaar zijn en probeer het opnieuw.',
    en: 'Too many requests at once on this connection.',
  },
  // Capture sources (scanners, SANE, separator sheets).
  'paper-jam': {
    nl: "Papierstoring in de scanner. Verwijder het vastgelopen vel, leg de rest van de stapel terug en scan verder; de pagina's die al binnen zijn blijven bewaard.",
    en: 'Paper jam in the scanner. The pages received so far are kept.',
  },
  'feeder-empty': {
    nl: 'De documentinvoer van de scanner is leeg. Leg de stapel in de invoer en probeer het opnieuw.',
    en: "The scanner's document feeder is empty.",
  },
  'cover-open': {
    nl: 'Een klep of deur van de scanner staat open. Sluit die en probeer het opnieuw.',
    en: 'A cover or door of the scanner is open.',
  },
  'scanner-gone': {
    nl: "De verbinding met de scanner is verbroken (uitgeschakeld of van het netwerk). De pagina's die al binnen zijn blijven bewaard; scan de rest opnieuw.",
    en: 'The scanner disappeared mid-job. The pages received so far are kept.',
  },
  'scanner-busy': {
    nl: 'De scanner is bezig met een andere opdracht. Wacht even en probeer het opnieuw.',
    en: 'The scanner is busy with another job.',
  },
  protocol: {
    nl: 'De scanner gaf een onverwacht antwoord. Probeer het opnieuw of vraag de beheerder.',
    en: 'The scanner answered unexpectedly.',
  },
  'unsupported-setting': {
    nl: 'Deze scanner ondersteunt de gekozen instelling niet.',
    en: 'The scanner does not support the chosen setting.',
  },
  'sane-unavailable': {
    nl: 'SANE (scanimage) is op deze computer niet geïnstalleerd.',
    en: 'SANE (scanimage) is not installed on this computer.',
  },
  'sane-failed': {
    nl: 'Scannen via SANE is mislukt.',
    en: 'Scanning through SANE failed.',
  },
  'separator-invalid': {
    nl: 'De gegevens voor het scheidingsblad zijn ongeldig.',
    en: 'The separator sheet values are invalid.',
  },
  'zgw-not-configured': { nl: 'Er is nog geen verbinding met het zaaksysteem ingesteld.', en: 'No zaaksysteem connection configured.' },
  'zgw-unreachable': { nl: 'Het zaaksysteem is niet bereikbaar.', en: 'The zaaksysteem cannot be reached.' },
  'zgw-rejected': { nl: 'Het zaaksysteem heeft het verzoek geweigerd.', en: 'The zaaksysteem rejected the request.' },
  'invalid-rsin': { nl: 'RSIN is ongeldig (11-proef).', en: 'RSIN is invalid (11-check).' },
  'zgw-env-mismatch': {
    nl: 'Dit document staat al klaar voor een andere omgeving van het zaaksysteem.',
    en: 'This document is queued for another zaaksysteem environment.',
  },
  'zgw-zaak-already-created': {
    nl: 'Voor dit document is de nieuwe zaak al aangemaakt; koppel het eventueel aan een andere zaak.',
    en: 'The new zaak for this document already exists.',
  },
  'zgw-sync-running': { nl: 'Het versturen naar het zaaksysteem loopt al.', en: 'Delivery to the zaaksysteem is already running.' },
  'zgw-busy': {
    nl: 'Dit document wordt op dit moment naar het zaaksysteem verstuurd; probeer het zo opnieuw.',
    en: 'This document is being delivered right now; try again shortly.',
  },
  'url-outside-connection': {
    nl: 'Dit adres valt buiten de ingestelde verbinding met het zaaksysteem; daarheen worden geen gegevens of toegangssleutels gestuurd.',
    en: 'This address lies outside the configured zaaksysteem connection; nothing is sent there.',
  },
  'zgw-ambiguous-document': {
    nl: 'Meerdere documenten beginnen met dit kenmerk; geef meer tekens.',
    en: 'Several documents match this id prefix.',
  },
  // Manual page operations (split, merge, move, rotate, delete).
  'edit-conflict': {
    nl: 'Het document is intussen door iemand anders gewijzigd. Bekijk het opnieuw en probeer het nog eens.',
    en: 'The document was changed meanwhile; reload it and try again.',
  },
  // The clerk's corrections of a document's fields.
  'field-not-editable': {
    nl: 'Dit veld kan nu niet worden gewijzigd.',
    en: 'This field cannot be changed now.',
  },
  'invalid-date': { nl: 'Ongeldige datum.', en: 'Invalid date.' },
  'qc-four-eyes': {
    nl: 'Vier ogen: wie een batch scande (of een pagina opnieuw scande) controleert die niet zelf. Laat een andere archivaris of teamleider de kwaliteitscontrole doen.',
    en: 'Four eyes: whoever scanned a batch (or rescanned a page) does not check it. Ask another archivist or supervisor.',
  },
  'qc-not-ready': {
    nl: 'De kwaliteitscontrole van deze batch kan nog niet beginnen.',
    en: 'Quality control of this batch cannot start yet.',
  },
  'qc-state': { nl: 'Dat kan niet in deze stand van de kwaliteitscontrole.', en: 'Not possible in this state of the quality control.' },
  'qc-not-sampled': {
    nl: 'Deze pagina hoort niet bij de steekproef van de batch.',
    en: 'This page is not in the batch sample.',
  },
  'qc-unjudged': {
    nl: "Nog niet alle pagina's van de steekproef zijn beoordeeld.",
    en: 'Not every page of the sample has been judged yet.',
  },
  'destruction-refused': {
    nl: 'Het papier van deze batch mag (nog) niet worden vernietigd.',
    en: 'The paper of this batch may not be destroyed (yet).',
  },
  'hand-back-refused': {
    nl: 'Dit document kan niet worden teruggegeven: het is (deels) al naar het zaaksysteem verstuurd of wordt nu verstuurd. Koppel het aan een andere zaak of herclassificeer het.',
    en: 'This document cannot be handed back: it has (partly) been sent to the zaaksysteem or is being sent. Link it to another zaak or reclassify it.',
  },
  'documenttype-unknown': {
    nl: 'Dit documenttype (informatieobjecttype) staat niet in de catalogus van het zaaksysteem.',
    en: 'This document type (informatieobjecttype) is not in the zaaksysteem catalogue.',
  },
  'documenttype-ambiguous': {
    nl: 'Meerdere documenttypen passen bij deze omschrijving; kies er één.',
    en: 'Several document types match this description; choose one.',
  },
  'documenttype-not-allowed': {
    nl: 'Het zaaktype van deze zaak staat dit documenttype niet toe.',
    en: "The zaak's zaaktype does not allow this document type.",
  },
  'not-auto-split': { nl: 'Dit document is niet automatisch gesplitst.', en: 'This document was not split automatically.' },
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
