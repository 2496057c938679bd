// Errors of the recognition engine. They are PostkamerErrors, so they cross the contract boundary with a
// stable code and a Dutch message; the message names the file (never its content).
import { PostkamerError } from '../contract/errors';

export type RecogniseErrorCode =
  | 'input-empty'
  | 'input-unsupported'
  | 'input-truncated'
  | 'input-encrypted'
  | 'input-javascript'
  | 'input-too-large'
  | 'input-too-many-pages'
  | 'ocr-failed';

export class RecogniseError extends PostkamerError {
  declare readonly code: RecogniseErrorCode;
  constructor(code: RecogniseErrorCode, fileName?: string, detail?: string, details?: Record<string, unknown>) {
    const parts = [fileName ? `(bestand: ${fileName})` : '', detail ?? ''].filter(Boolean).join(' ');
    super(code, parts || undefined, { ...(fileName ? { fileName } : {}), ...details });
    this.name = 'RecogniseError';
  }
}

export function isRecogniseError(e: unknown, code?: RecogniseErrorCode): e is RecogniseError {
  return e instanceof RecogniseError && (code === undefined || e.code === code);
}
