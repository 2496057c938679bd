// Errors in the shape of commonground-api-common's exception handler (`Fout` / `ValidatieFout`,
// application/problem+json), with Django REST framework's Dutch titles.

import { randomUUID } from 'node:crypto';
import type { InvalidParam } from './openapi/validator';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** DRF exception class per status: its name appears in `type`, its default text in `title`. */
const DRF: Record<number, { exc: string; title: string; code: string }> = {
  400: { exc: 'ValidationError', title: 'Ongeldige invoer.', code: 'invalid' },
  401: { exc: 'NotAuthenticated', title: 'Authenticatiegegevens zijn niet opgegeven.', code: 'not_authenticated' },
  403: { exc: 'PermissionDenied', title: 'Je hebt geen toestemming om deze actie uit te voeren.', code: 'permission_denied' },
  404: { exc: 'NotFound', title: 'Niet gevonden.', code: 'not_found' },
  405: { exc: 'MethodNotAllowed', title: 'Methode niet toegestaan.', code: 'method_not_allowed' },
  406: { exc: 'NotAcceptable', title: 'Kan niet voldoen aan de opgegeven Accept header.', code: 'not_acceptable' },
  409: { exc: 'Conflict', title: 'Conflict.', code: 'conflict' },
  410: { exc: 'Gone', title: 'Deze resource is niet meer beschikbaar.', code: 'gone' },
  412: { exc: 'PreconditionFailed', title: 'Precondition failed', code: 'precondition_failed' },
  413: { exc: 'RequestEntityTooLarge', title: 'Verzoek is te groot.', code: 'request_entity_too_large' },
  415: { exc: 'UnsupportedMediaType', title: 'Ongeldige media type in aanvraag.', code: 'unsupported_media_type' },
  429: { exc: 'Throttled', title: 'Aanvraag was verstikt.', code: 'throttled' },
  500: { exc: 'APIException', title: 'Er is een serverfout opgetreden.', code: 'error' },
  501: { exc: 'NotImplemented', title: 'Niet geïmplementeerd in de test-zaaksysteem.', code: 'not-implemented' },
  502: { exc: 'BadGateway', title: 'Bad Gateway', code: 'bad-gateway' },
  503: { exc: 'ServiceUnavailable', title: 'Service tijdelijk niet beschikbaar.', code: 'service-unavailable' },
  504: { exc: 'GatewayTimeout', title: 'Gateway Timeout', code: 'gateway-timeout' },
};

/** Thrown by handlers and the pipeline; rendered by `toProblem`. */
export class ZgwError extends Error {
  readonly status: number;
  readonly code: string;
  readonly invalidParams?: InvalidParam[];
  readonly headers?: Record<string, string>;
  constructor(
    status: number,
    code: string | undefined,
    detail?: string,
    opts: { invalidParams?: InvalidParam[]; headers?: Record<string, string> } = {},
  ) {
    super(detail ?? DRF[status]?.title ?? `HTTP ${status}`);
    this.status = status;
    this.code = code ?? DRF[status]?.code ?? 'error';
    this.invalidParams = opts.invalidParams;
    this.headers = opts.headers;
  }
}

/** 400 with one or more field errors (top-level code `invalid`, as CAC does for every ValidationError). */
export function validationError(invalidParams: InvalidParam[]): ZgwError {
  return new ZgwError(400, 'invalid', 'Ongeldige invoer.', { invalidParams });
}

export function fieldError(name: string, code: string, reason: string): ZgwError {
  return validationError([{ name, code, reason }]);
}

export function toProblem(err: ZgwError, origin: string): Record<string, unknown> {
  const drf = DRF[err.status] ?? { exc: 'APIException', title: err.message, code: err.code };
  const base = {
    type: `${origin}/ref/fouten/${drf.exc}/`,
    code: err.code,
    title: drf.title,
    status: err.status,
    detail: err.message,
    instance: `urn:uuid:${randomUUID()}`,
  };
  return err.status === 400 ? { ...base, invalidParams: err.invalidParams ?? [] } : base;
}
