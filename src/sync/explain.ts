// Dutch explanations of what the zaaksysteem said, for the clerk who has to fix it.
import { formatLimit, type InvalidParam, type Problem, type SyncFailure } from './failure';
import { PostkamerError, errorMessages, type ErrorCode } from '../contract/errors';
import { maskForDisplay } from '../domain/mask';

// Keyed on the stable `invalidParams[].code` (never on the server's reason text, which differs per language and
// version).

const BY_CODE: Record<string, string> = {
  unique: 'Dit document is al aan deze zaak gekoppeld.',
  'identificatie-niet-uniek': 'Er bestaat al een object met deze identificatie.',
  'zaak-archiefstatus-invalid': 'De zaak is gearchiveerd; koppelen kan niet meer.',
  'missing-zaaktype-informatieobjecttype-relation':
    'Dit documenttype (informatieobjecttype) is niet toegestaan bij het zaaktype van deze zaak.',
  'file-size': 'De bestandsgrootte klopt niet met de inhoud.',
  'incorrect-lock-id': 'Het slot (lock) op het document klopt niet.',
  'missing-lock-id': 'Het document moet eerst vergrendeld worden.',
  unlocked: 'Het document is niet (meer) vergrendeld.',
  'existing-lock': 'Het document is al door een ander vergrendeld.',
  'incomplete-upload': 'Niet alle delen van het bestand zijn ontvangen.',
  'pending-relations': 'De koppeling tussen zaak en document kon op de server niet worden vastgelegd.',
  'invalid-rsin': 'Het RSIN (bronorganisatie) is ongeldig.',
  invalid_choice: 'Deze waarde is niet toegestaan.',
  required: 'Dit veld is verplicht.',
  null: 'Dit veld mag niet leeg zijn.',
  blank: 'Dit veld mag niet leeg zijn.',
  max_length: 'De waarde is te lang.',
  min_length: 'De waarde is te kort.',
  invalid: 'De waarde is ongeldig.',
  'bad-url': 'De verwijzing (URL) kan niet worden opgehaald.',
  'invalid-resource': 'De verwijzing (URL) wijst niet naar het juiste soort object.',
  does_not_exist: 'Het object waarnaar verwezen wordt bestaat niet.',
  no_match: 'Het object waarnaar verwezen wordt bestaat niet.',
  'not-published': 'Het type is nog niet gepubliceerd (concept).',
  'zaaktype-mismatch': 'Het type hoort niet bij dit zaaktype.',
  'date-in-future': 'De datum ligt in de toekomst.',
  'missing-gebruiksrechten': 'Er zijn geen gebruiksrechten vastgelegd.',
};

/** Field names as the clerk knows them. */
const FIELD: Record<string, string> = {
  zaak: 'zaak',
  informatieobject: 'document',
  informatieobjecttype: 'documenttype',
  zaaktype: 'zaaktype',
  bronorganisatie: 'bronorganisatie (RSIN)',
  verantwoordelijkeOrganisatie: 'verantwoordelijke organisatie (RSIN)',
  identificatie: 'identificatie',
  titel: 'titel',
  auteur: 'auteur',
  bestandsnaam: 'bestandsnaam',
  inhoud: 'inhoud',
  vertrouwelijkheidaanduiding: 'vertrouwelijkheid',
  omschrijving: 'omschrijving',
  ontvangstdatum: 'ontvangstdatum',
  creatiedatum: 'creatiedatum',
  startdatum: 'startdatum',
  lock: 'slot',
};

/**
 * Text a server wrote (a problem's code or detail, a field name): shown to people, so capped and masked like any
 * text that stands on its own (a server may echo a BSN: "geen toegang tot gegevens van BSN …").
 */
export function serverText(s: string): string {
  const capped = s.length > 300 ? `${s.slice(0, 300)}…` : s;
  return maskForDisplay(capped, { outOfContext: true });
}

export function explainInvalidParam(p: InvalidParam): string {
  const text = BY_CODE[p.code] ?? `Het zaaksysteem weigert dit (${serverText(p.code)}).`;
  if (p.name === 'nonFieldErrors' || p.name === '' || p.code === 'unique' || p.code === 'zaak-archiefstatus-invalid') return text;
  const field = FIELD[p.name] ?? serverText(p.name);
  return `${field}: ${text}`;
}

export function explainProblem(p: Problem | undefined, status: number): string {
  if (p?.invalidParams && p.invalidParams.length > 0) return p.invalidParams.map(explainInvalidParam).join(' ');
  switch (status) {
    case 401:
    case 403:
      return `Geen toegang tot het zaaksysteem${p?.code ? ` (${serverText(p.code)})` : ''}${p?.detail ? `: ${serverText(p.detail)}` : ''}. Controleer client-ID, secret en autorisaties.`;
    case 404:
      return 'Het object bestaat niet (meer) in het zaaksysteem.';
    case 406:
    case 412:
    case 415:
      return `Het zaaksysteem begrijpt het verzoek niet (HTTP ${status}${p?.detail ? `: ${serverText(p.detail)}` : ''}).`;
    case 429:
      return 'Het zaaksysteem krijgt te veel verzoeken; later opnieuw.';
    default:
      if (status >= 500) return `Storing bij het zaaksysteem (HTTP ${status}); wordt later opnieuw geprobeerd.`;
      return `Het zaaksysteem weigert het verzoek (HTTP ${status}${p?.code ? `, ${serverText(p.code)}` : ''}).`;
  }
}

/** One Dutch sentence for the outbox list. */
export function explainFailure(f: SyncFailure): string {
  switch (f.kind) {
    case 'network':
      if (f.dns) return `Het zaaksysteem is niet te vinden (DNS: ${f.code}). Controleer de adressen en het netwerk.`;
      if (f.tls) return `Beveiligde verbinding mislukt (TLS: ${f.code}). Controleer het certificaat van het zaaksysteem.`;
      return `Het zaaksysteem is niet bereikbaar (${f.code}); wordt later opnieuw geprobeerd.`;
    case 'timeout':
      return `Het zaaksysteem antwoordde niet binnen ${Math.round(f.afterMs / 1000)} seconden; wordt later opnieuw geprobeerd.`;
    case 'http':
      return explainProblem(f.problem, f.status);
    case 'invalid-response':
      return `Het zaaksysteem gaf een onverwacht antwoord (${serverText(f.detail)}); wordt later opnieuw geprobeerd.`;
    case 'out-of-scope':
      return `Het adres ${f.target} valt buiten de ingestelde verbinding met het zaaksysteem (${f.bases.join(', ')}); daarheen wordt het toegangstoken niet gestuurd. Laat de beheerder de adressen van de verbinding en de catalogus controleren.`;
    case 'too-large':
      return `Het zaaksysteem stuurde een antwoord groter dan ${formatLimit(f.limitBytes)}; het is niet gelezen en de verbinding is verbroken. Wordt later opnieuw geprobeerd; blijft het zo, laat de beheerder het zaaksysteem (of de proxy ervoor) controleren.`;
    case 'local':
      return f.message;
  }
}

/**
 * A SyncError that reaches a command's caller (a refresh, a look-up, a connection change) as a stable contract error:
 * unreachable (network, timeout) or refused (everything the server or the scope rule said no to), with the Dutch
 * explanation as detail — never an `internal` error.
 */
export function syncFailureAsError(f: SyncFailure): PostkamerError {
  if (f.kind === 'local' && Object.hasOwn(errorMessages, f.code)) return new PostkamerError(f.code as ErrorCode, `(${f.message})`);
  const code =
    f.kind === 'network' ||
    f.kind === 'timeout' ||
    f.kind === 'too-large' ||
    f.kind === 'invalid-response' ||
    (f.kind === 'http' && f.status >= 500)
      ? 'zgw-unreachable'
      : 'zgw-rejected';
  return new PostkamerError(code, `(${explainFailure(f)})`);
}
