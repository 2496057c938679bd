// Who a request to the zaaksysteem is made for: the person behind an actor (a login), as the JWT's user_id and
// user_representation.
import type { Db } from '../store/db';
import { personByLogin } from '../store/people';

/** Who the workstation's own background work (catalogue refresh, probes, a resumed ingest) acts as. */
export const BACKGROUND_ACTOR = 'postkamer';

/** The JWT's `user_id` and `user_representation`. */
export interface ZgwIdentity {
  userId: string;
  userRepresentation: string;
}

/**
 * The identity of `actor` (the login of the person who queued a delivery or makes a request): their id in the
 * zaaksysteem, else their login; their display name. A person who was disabled since keeps their identity (a queued
 * delivery keeps who queued it). The background actor is never a person, even where someone chose it as a login;
 * an unknown actor (a row queued before there were people, an OS account's name) stays as it is.
 */
export function zgwIdentity(db: Db, actor: string): ZgwIdentity {
  const person = actor === BACKGROUND_ACTOR ? undefined : personByLogin(db, actor);
  if (!person) return { userId: actor, userRepresentation: actor };
  return { userId: person.zgw_user_id ?? person.login, userRepresentation: person.name };
}

/** A map key for an identity (the two parts cannot run into each other). */
export function identityKey(i: ZgwIdentity): string {
  return `${i.userId}\u0000${i.userRepresentation}`;
}
