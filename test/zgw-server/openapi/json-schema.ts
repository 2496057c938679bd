// OpenAPI 3.0 schema objects → JSON Schema (draft-07, what Ajv's default export speaks).
// Pure: no I/O. Two variants because OpenAPI gives `readOnly`/`writeOnly` a direction:
//   request:  readOnly properties are neither required nor allowed;
//   response: writeOnly properties are neither required nor allowed.

import { REMOTE_CATALOGI_120, type Json, type JsonObject } from './specs';

export type Direction = 'request' | 'response';

/** Stable `$id` for a transformed component document (never fetched; Ajv only uses it as a key). */
export function schemaDocId(doc: string, dir: Direction): string {
  return `https://postkamer.invalid/zgw/${doc}/${dir}.json`;
}

// Keywords OpenAPI allows that JSON Schema/Ajv does not know, or that only cost memory here.
const DROP = new Set(['nullable', 'discriminator', 'example', 'xml', 'externalDocs', 'description', 'title', 'deprecated']);

/**
 * Rewrites `$ref`s to absolute ids so that schemas compiled outside their document (inline request
 * bodies, array responses) still resolve, and maps the one remote `$ref` to the local Catalogi 1.2.0.
 */
function rewriteRef(ref: string, doc: string, dir: Direction): string {
  if (ref.startsWith('#')) return schemaDocId(doc, dir) + ref;
  if (ref.startsWith(REMOTE_CATALOGI_120)) return schemaDocId('catalogi-1.2.0', dir) + ref.slice(REMOTE_CATALOGI_120.length);
  throw new Error(`Unsupported $ref in ${doc}: ${ref}`);
}

export function toJsonSchema(node: Json, doc: string, dir: Direction): Json {
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(n, doc, dir));
  if (node === null || typeof node !== 'object') return node;
  const src = node as JsonObject;
  const out: JsonObject = {};
  const chosen = discriminated(src, doc, dir);
  for (const [k, v] of Object.entries(src)) {
    if (DROP.has(k) || (chosen && k === 'oneOf')) continue;
    if (k === '$ref' && typeof v === 'string') {
      out.$ref = rewriteRef(v, doc, dir);
    } else if (k === 'properties' && v && typeof v === 'object' && !Array.isArray(v)) {
      const props: JsonObject = {};
      for (const [pn, ps] of Object.entries(v as JsonObject)) {
        props[pn] = isForbidden(ps, dir) ? false : toJsonSchema(ps, doc, dir);
      }
      out.properties = props;
    } else if (k === 'required' && Array.isArray(v)) {
      const props = (src.properties ?? {}) as JsonObject;
      out.required = (v as string[]).filter((pn) => !isForbidden(props[pn], dir));
    } else if (k === 'enum' && Array.isArray(v) && src.nullable === true && !v.includes(null)) {
      // OpenAPI 3.0: `nullable` widens an enum too (e.g. archiefnominatie query filter).
      out.enum = [...v, null];
    } else {
      out[k] = toJsonSchema(v, doc, dir);
    }
  }
  if (chosen) out.allOf = [...((out.allOf as Json[] | undefined) ?? []), ...chosen];
  if (src.nullable === true) {
    // Ajv's own `nullable` support requires a sibling `type`, which the ZGW files often lack
    // (`allOf: [$ref], nullable: true`); an explicit anyOf works for every shape.
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

/**
 * `oneOf` with a `discriminator` mapping (Rol, RolRequest): the branches are open objects that all accept the same
 * fields, so a plain oneOf fails every request ("must match exactly one"). As the server does, the discriminating
 * property picks the one branch that applies: it must be one of the mapping's keys, and its branch must hold.
 */
function discriminated(src: JsonObject, doc: string, dir: Direction): Json[] | undefined {
  const d = src.discriminator as JsonObject | undefined;
  const mapping = d?.mapping as Record<string, string> | undefined;
  if (!Array.isArray(src.oneOf) || typeof d?.propertyName !== 'string' || !mapping) return undefined;
  const prop = d.propertyName;
  return [
    { required: [prop], properties: { [prop]: { enum: Object.keys(mapping) } } },
    ...Object.entries(mapping).map(([value, ref]) => ({
      if: { properties: { [prop]: { const: value } } },
      then: { $ref: rewriteRef(ref, doc, dir) },
    })),
  ];
}

function isForbidden(propSchema: Json | undefined, dir: Direction): boolean {
  if (!propSchema || typeof propSchema !== 'object' || Array.isArray(propSchema)) return false;
  const s = propSchema as JsonObject;
  return dir === 'request' ? s.readOnly === true : s.writeOnly === true;
}

/** A component document Ajv can hold: `{ $id, components: { schemas } }` so `#/components/schemas/X` refs resolve. */
export function componentDocument(schemas: JsonObject, doc: string, dir: Direction): JsonObject {
  return {
    $id: schemaDocId(doc, dir),
    components: { schemas: toJsonSchema(schemas, doc, dir) as JsonObject },
  };
}
