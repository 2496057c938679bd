// The domain imports nothing outside src/domain, so it carries its own small error type.
// Codes are stable and kebab-case like the contract's; the host maps them onto the wire.

export type DomainErrorCode = 'invalid-zaaknummer-pattern' | 'invalid-scan-date';

const messages: Record<DomainErrorCode, string> = {
  'invalid-zaaknummer-pattern': 'Het ingestelde patroon voor zaaknummers is geen geldige reguliere expressie.',
  'invalid-scan-date': 'De scandatum moet de vorm JJJJ-MM-DD hebben.',
};

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  constructor(code: DomainErrorCode) {
    super(messages[code]);
    this.name = 'DomainError';
    this.code = code;
  }
}
