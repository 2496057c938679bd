// Text a person types into one field (a name, a zaaknummer, a description, a search): no control characters (NUL,
// escape sequences, line breaks) and no lone surrogates; and the shape of an http(s) URL typed into one.
import { z } from 'zod';

// No person types those, and downstream systems (SQLite FTS, the zaaksysteem, a terminal) each read them
// differently. Every user-text field of the contract's inputs uses it.

const PLAIN = /^[^\p{Cc}\p{Cs}]*$/u;

/** `z.string()` for one line of typed text, with the Dutch reason when it holds a control character. */
export function plainText(): z.ZodString {
  return z.string().regex(PLAIN, 'bevat een stuurteken (zoals NUL of een regeleinde) of een ongeldig teken; gebruik gewone tekst');
}

/**
 * `z.string()` for an http(s) URL (a zaaksysteem's or the Selectielijst's address): only its shape. Which hosts and
 * schemes are acceptable is the core's rule (src/sync/connections.ts checkBaseUrl).
 */
export function httpUrl(): z.ZodString {
  return z
    .string()
    .trim()
    .max(1000)
    .regex(/^https?:\/\/\S+$/, 'http(s)-URL verwacht');
}
