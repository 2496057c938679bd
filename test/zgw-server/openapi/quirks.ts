// Known defects in the Open Zaak 1.30 OpenAPI files that would make a correct client fail
// validation. Each is corrected here, narrowly, with the reason; the files themselves stay unmodified.

import type { JsonObject, ParameterSpec } from './specs';

/**
 * drf-spectacular documents foreign-key filters by the model's primary key, so filters such as
 * `zaakinformatieobject_list?zaak=`, `zaaktype_list?catalogus=` and
 * `zaaktypeinformatieobjecttype_list?zaaktype=` are typed `integer` although their description says
 * "URL-referentie naar …" and Open Zaak filters on the URL (notes/zgw-client.md §4, §7).
 */
export function fixParameterSchema(p: ParameterSpec): JsonObject {
  if (p.in === 'query' && p.schema.type === 'integer' && /^URL-referentie/i.test(p.description ?? '')) {
    return { type: 'string', format: 'uri' };
  }
  return p.schema;
}

/**
 * `bestandsdeel_update` declares a required `Content-Type: application/json` header parameter while
 * its request body is multipart/form-data or x-www-form-urlencoded; likewise `_lock` declares the
 * header without a body. The server therefore checks Content-Type against the request body's media
 * types (415 when unsupported) and never validates the header parameter itself.
 */
export const CONTENT_TYPE_FROM_REQUEST_BODY = true;
