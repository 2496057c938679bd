// Pure Dutch rules for the mail room: no I/O, safe to import from the renderer.

export * from './types';
export { DomainError, type DomainErrorCode } from './errors';
export { passesElfproef, isValidBsn, isValidRsin } from './elfproef';
export { maskBsn, redactBsns, maskKnownBsns } from './mask';
export { findBsnCandidates, findBsns, bsnContext, type BsnCandidate, type BsnHit } from './bsn';
export { isValidIban, normaliseIban, findIbans, type IbanMatch } from './iban';
export { findKvkNumbers, type KvkMatch } from './kvk';
export { findPostcodes, parsePostcode, parseStreetLine, type PostcodeMatch, type StreetLine } from './postcode';
export { parseDutchDate, findDates, isIsoDate, type DateMatch } from './dates';
export { findLetterDate } from './letter-date';
export { DEFAULT_ZAAKNUMMER_PATTERN, compileZaakPattern, findZaaknummers, type ZaakMatch } from './zaaknummer';
export { findKenmerken, cleanKenmerkValue, type KenmerkHit, type KenmerkKind } from './kenmerk';
export { findSender, looksLikeName } from './sender';
export { buildDoc, type Doc, type Line } from './layout';
export { fixDigitNoise } from './ocr-noise';
export { extractMetadata } from './extract';
