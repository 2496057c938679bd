// The setting selectielijstBases: the Selectielijst API base URLs Postkamer may ask for a resultaattype's
// selectielijstklasse (an allow-list: a hostile catalogue must not make the workstation request any address).
import { z } from 'zod';
import { httpUrl } from './text';

/** The public Selectielijst API (VNG, hosted by Open Zaak): the only one asked until the administrator says otherwise. */
export const DEFAULT_SELECTIELIJST_BASES: readonly string[] = ['https://selectielijst.openzaak.nl/api/v1'];

/** At most this many bases (a municipality uses one, a test or a mirror perhaps a second). */
export const SELECTIELIJST_BASES_MAX = 10;

/**
 * What settings.set accepts: a list of http(s) URLs (the shape only; the core then applies the rule for base URLs of
 * the zaaksysteem: https, plain http only on 127.0.0.1/localhost/::1, no user name, query or #). Empty: ask none.
 */
export const SelectielijstBases = z
  .array(httpUrl())
  .max(SELECTIELIJST_BASES_MAX, `hoogstens ${SELECTIELIJST_BASES_MAX} Selectielijst-adressen`);
