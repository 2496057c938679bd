// Every action code the audit trail records, with its Dutch and English label: the codes are stable, the labels may change.

export interface ActionLabel {
  nl: string;
  en: string;
}

/**
 * Every code the code base writes (test/unit/audit/action-labels.test.ts fails when src/ writes one that is missing
 * here). Codes of older versions stay, so their entries keep a label.
 */
export const AUDIT_ACTIONS = {
  // Bringing post in.
  'batch.create': { nl: 'Batch aangemaakt', en: 'Batch created' },
  'item.receive': { nl: 'Bestand ontvangen', en: 'File received' },
  'item.reject': { nl: 'Bestand geweigerd bij verwerking', en: 'File rejected while processing' },
  'ingest.reject': { nl: 'Bestand geweigerd', en: 'File rejected' },
  'scan.end': { nl: 'Scannen beëindigd', en: 'Scanning ended' },
  'scan.resume': { nl: 'Onderbroken scan afgerond', en: 'Interrupted scan completed' },
  'watch.new-version': { nl: 'Nieuwe versie uit bewaakte map', en: 'New version from watched folder' },

  // Vervangende digitalisering: quality control with four eyes, the verklaring, the destruction of paper.
  'qc.started': { nl: 'Kwaliteitscontrole begonnen (steekproef getrokken)', en: 'Quality control started (sample drawn)' },
  'qc.judged': { nl: 'Pagina beoordeeld in de kwaliteitscontrole', en: 'Page judged in quality control' },
  'qc.closed': { nl: 'Kwaliteitscontrole afgerond', en: 'Quality control closed' },
  'qc.refused': { nl: 'Kwaliteitscontrole geweigerd (vier ogen)', en: 'Quality control refused (four eyes)' },
  'qc.rescanned': { nl: 'Pagina opnieuw gescand', en: 'Page rescanned' },
  'qc.verklaring': { nl: 'Verklaring van vervanging gemaakt', en: 'Declaration of replacement made' },
  'qc.verklaring-exported': { nl: 'Verklaring van vervanging opgeslagen', en: 'Declaration of replacement saved' },
  'paper.destroyed': { nl: 'Vernietiging van papier geregistreerd', en: 'Paper destruction registered' },
  'paper.list-exported': { nl: 'Vernietigingslijst opgeslagen', en: 'Destruction list saved' },

  // Documents and their pages.
  'document.create': { nl: 'Document gemaakt', en: 'Document created' },
  'document.rebuild': { nl: 'Document opnieuw opgebouwd', en: 'Document rebuilt' },
  'document.delete': { nl: 'Document verwijderd', en: 'Document deleted' },
  'document.split': { nl: 'Document gesplitst', en: 'Document split' },
  'document.merge': { nl: 'Documenten samengevoegd', en: 'Documents merged' },
  'document.fields-edited': { nl: 'Gegevens van document gecorrigeerd', en: 'Document fields corrected' },
  'document.classified': { nl: 'Document geclassificeerd', en: 'Document classified' },
  'document.handed-back': { nl: 'Document teruggegeven aan de medewerker', en: 'Document handed back to the clerk' },
  'document.reviewed': { nl: 'Classificatie gecontroleerd', en: 'Classification reviewed' },
  'classification.bulk': { nl: 'Documenten in één keer geclassificeerd', en: 'Documents classified in bulk' },
  'classification.undone': { nl: 'Bulkclassificatie ongedaan gemaakt', en: 'Bulk classification undone' },
  'document.split-confirmed': { nl: 'Automatische splitsing bevestigd', en: 'Automatic split confirmed' },
  'document.split-undone': { nl: 'Automatische splitsing ongedaan gemaakt', en: 'Automatic split undone' },
  'document.auto-split': { nl: 'Stapel automatisch in brieven gesplitst', en: 'Stack split into letters automatically' },
  'page.move': { nl: 'Pagina verplaatst', en: 'Page moved' },
  'page.rotate': { nl: 'Pagina gedraaid', en: 'Page rotated' },
  'page.delete': { nl: 'Pagina verwijderd', en: 'Page deleted' },
  'page.restore': { nl: 'Pagina teruggezet', en: 'Page restored' },
  'page.image': { nl: 'Paginabeeld vervangen', en: 'Page image replaced' },

  // Personal data.
  'document.bsn-revealed': { nl: 'BSN ingezien', en: 'BSN revealed' },
  'document.bsn-searched': { nl: 'Gezocht op BSN', en: 'Searched by BSN' },
  'document.bsn-confirmed': { nl: 'BSN van de brief gecontroleerd en bevestigd', en: 'BSN on the letter checked and confirmed' },
  'document.purged': { nl: 'Document van het werkstation verwijderd (bewaartermijn)', en: 'Document purged from the workstation' },
  'purge.run': { nl: 'Opschoning uitgevoerd', en: 'Purge run' },

  // Delivery to the zaaksysteem.
  'zgw.outbox.enqueue': { nl: 'Klaargezet voor het zaaksysteem', en: 'Queued for the case system' },
  'zgw.outbox.relink': { nl: 'Aan een andere zaak gekoppeld', en: 'Linked to another case' },
  'zgw.outbox.retry': { nl: 'Aflevering opnieuw geprobeerd', en: 'Delivery retried' },
  'zgw.retry-group': { nl: 'Groep afleveringen opnieuw geprobeerd', en: 'Group of deliveries retried' },
  'zgw.outbox.linked': { nl: 'Aan de zaak gekoppeld', en: 'Linked to the case' },
  'zgw.outbox.done': { nl: 'Afgeleverd bij het zaaksysteem', en: 'Delivered to the case system' },
  'zgw.outbox.attention': { nl: 'Aflevering vraagt aandacht', en: 'Delivery needs attention' },
  'zgw.eio.found': { nl: 'Document al in het zaaksysteem gevonden', en: 'Document already found in the case system' },
  'zgw.eio.created': { nl: 'Document in het zaaksysteem aangemaakt', en: 'Document created in the case system' },
  'zgw.eio.uploaded': { nl: 'Inhoud naar het zaaksysteem gestuurd', en: 'Content uploaded to the case system' },
  'zgw.eio.corrected': { nl: 'Correctie naar het zaaksysteem gestuurd', en: 'Correction sent to the case system' },
  'zgw.eio.correction-attention': { nl: 'Correctie vraagt aandacht', en: 'Correction needs attention' },
  'zgw.eio.correction-retry': { nl: 'Correctie opnieuw geprobeerd', en: 'Correction retried' },
  'zgw.verklaring.created': {
    nl: 'Verklaring van vervanging in het zaaksysteem aangemaakt',
    en: 'Declaration of replacement created in the case system',
  },
  'zgw.verklaring.found': {
    nl: 'Verklaring van vervanging al in het zaaksysteem gevonden',
    en: 'Declaration of replacement already found in the case system',
  },
  'zgw.verklaring.delivered': {
    nl: 'Verklaring van vervanging aan de zaak gekoppeld',
    en: 'Declaration of replacement linked to the case',
  },
  'zgw.verklaring.attention': { nl: 'Verklaring van vervanging vraagt aandacht', en: 'Declaration of replacement needs attention' },
  'zgw.verklaring.retry': { nl: 'Verklaring van vervanging opnieuw geprobeerd', en: 'Declaration of replacement retried' },
  'zgw.zaak.created': { nl: 'Zaak aangemaakt', en: 'Case created' },
  'zgw.rol.created': { nl: 'Initiatiefnemer als rol bij de zaak vastgelegd', en: 'Initiator registered as a role of the case' },
  'zgw.rol.skipped': { nl: 'Initiatiefnemer niet als rol vastgelegd', en: 'Initiator not registered as a role' },
  'zgw.rol.refused': { nl: 'Rol van de initiatiefnemer geweigerd', en: 'Initiator role refused' },
  'zgw.connection.set': { nl: 'Verbinding met het zaaksysteem ingesteld', en: 'Case system connection set' },
  'zgw.connection.activate': { nl: 'Omgeving van het zaaksysteem gekozen', en: 'Case system environment chosen' },
  'zgw.connection.test': { nl: 'Verbinding met het zaaksysteem getest', en: 'Case system connection tested' },
  'zgw.settings.set': { nl: 'Afleverinstellingen gewijzigd', en: 'Delivery settings changed' },

  // People and sign-in.
  'auth.signed-in': { nl: 'Aangemeld', en: 'Signed in' },
  'auth.sign-in-failed': { nl: 'Aanmelden mislukt', en: 'Sign-in failed' },
  'access.refused': { nl: 'Opdracht geweigerd (geen recht)', en: 'Command refused (no right)' },
  'auth.signed-out': { nl: 'Afgemeld', en: 'Signed out' },
  'auth.locked': { nl: 'Vergrendeld', en: 'Locked' },
  'person.first-admin': { nl: 'Eerste beheerder aangemaakt', en: 'First administrator created' },
  'person.added': { nl: 'Gebruiker toegevoegd', en: 'User added' },
  'person.changed': { nl: 'Gebruiker gewijzigd', en: 'User changed' },
  'person.pin-changed': { nl: 'Eigen pincode gewijzigd', en: 'Own PIN changed' },
  'person.pin-set': { nl: 'Pincode van gebruiker opnieuw ingesteld', en: 'User PIN reset' },

  // The workstation and its audit trail.
  'settings.changed': { nl: 'Instelling gewijzigd', en: 'Setting changed' },
  'audit.exported': { nl: 'Auditlogboek geëxporteerd', en: 'Audit trail exported' },
  'report.exported': { nl: 'Periodeverslag gemaakt', en: 'Period report exported' },
  'export.mdto': { nl: 'Export voor het e-depot (MDTO) gemaakt', en: 'E-depot export (MDTO) written' },
} as const satisfies Record<string, ActionLabel>;

export type AuditActionCode = keyof typeof AUDIT_ACTIONS;

export function isAuditAction(code: string): code is AuditActionCode {
  return Object.prototype.hasOwnProperty.call(AUDIT_ACTIONS, code);
}

/** The label of a code in a language; an unknown code (from a newer version) is shown as it is. */
export function auditActionLabel(code: string, lang: 'nl' | 'en' = 'nl'): string {
  return isAuditAction(code) ? AUDIT_ACTIONS[code][lang] : code;
}

/** Every label in one language keyed as the UI's i18n resources take them ("." in a code becomes "_"). */
export function auditActionTerms(lang: 'nl' | 'en'): Record<string, string> {
  return Object.fromEntries(Object.entries(AUDIT_ACTIONS).map(([code, label]) => [code.replace(/\./g, '_'), label[lang]]));
}
