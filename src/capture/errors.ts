// Errors of the capture sources. Their codes and Dutch/English messages live in the contract
// (src/contract/errors.ts); messages never hold page content, a BSN or a credential.
import { PostkamerError, errorMessages } from '../contract/errors';

const CODES = [
  'paper-jam',
  'feeder-empty',
  'cover-open',
  'scanner-gone',
  'scanner-busy',
  'protocol',
  'unsupported-setting',
  'sane-unavailable',
  'sane-failed',
  'separator-invalid',
] as const;
export type CaptureErrorCode = (typeof CODES)[number];
export const captureErrorMessages = Object.fromEntries(CODES.map((c) => [c, errorMessages[c]])) as {
  [C in CaptureErrorCode]: { nl: string; en: string };
};

/** A capture failure with a stable code. */
export class CaptureError extends PostkamerError {
  declare readonly code: CaptureErrorCode;
  constructor(code: CaptureErrorCode, detail?: string, details?: Record<string, unknown>) {
    super(code, detail, details);
    this.name = 'CaptureError';
  }
}

/** The `{ code, message }` pair a scan result carries (not thrown: a failed scan still returns its pages). */
export function captureFault<C extends CaptureErrorCode>(code: C, detail?: string): { code: C; message: string } {
  return { code, message: detail ? `${captureErrorMessages[code].nl} ${detail}` : captureErrorMessages[code].nl };
}
