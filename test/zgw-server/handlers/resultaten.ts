// Zaken API: resultaten (how a zaak ended): create one for a zaak (the zaak's `resultaat` then names it), list, read.

import { randomUUID } from 'node:crypto';
import type { JsonObject } from '../openapi/specs';
import { validationError } from '../problem';
import type { InvalidParam } from '../openapi/validator';
import { bodyObject, notFound, nowIso, paginate, type Handler } from './context';

/** `POST /resultaten`: the resultaattype must belong to the zaak's zaaktype; a zaak has at most one resultaat. */
const createResultaat: Handler = (ctx) => {
  const b = bodyObject(ctx);
  const errors: InvalidParam[] = [];
  const zaakUuid = ctx.urls.uuidOf(b.zaak, 'zaken', 'zaken');
  const zaak = zaakUuid ? ctx.state.zaken.get(zaakUuid) : undefined;
  if (!zaak) errors.push({ name: 'zaak', code: 'does_not_exist', reason: 'Ongeldige hyperlink - Object bestaat niet.' });
  const rtUuid = ctx.urls.uuidOf(b.resultaattype, 'catalogi', 'resultaattypen');
  const rt = rtUuid ? ctx.state.catalogue.resultaattypen.get(rtUuid) : undefined;
  if (!rt) errors.push({ name: 'resultaattype', code: 'bad-url', reason: 'De URL is geen geldig RESULTAATTYPE van dit zaaksysteem.' });
  if (errors.length) throw validationError(errors);
  const nonField: InvalidParam[] = [];
  if (rt!.zaaktype !== zaak!.zaaktype)
    nonField.push({
      name: 'nonFieldErrors',
      code: 'zaaktype-mismatch',
      reason: 'Het RESULTAATTYPE hoort niet bij het ZAAKTYPE van de ZAAK.',
    });
  if (zaak!.resultaat) nonField.push({ name: 'zaak', code: 'unique', reason: 'Resultaat met deze Zaak bestaat al.' });
  if (zaak!.archiefstatus !== 'nog_te_archiveren')
    nonField.push({
      name: 'nonFieldErrors',
      code: 'zaak-archiefstatus-invalid',
      reason: 'De archiefstatus van de zaak is niet "nog_te_archiveren".',
    });
  if (nonField.length) throw validationError(nonField);

  const uuid = randomUUID();
  const url = ctx.urls.resource('zaken', 'resultaten', uuid);
  const resultaat: JsonObject = {
    url,
    uuid,
    zaak: zaak!.url,
    resultaattype: rt!.url,
    toelichting: typeof b.toelichting === 'string' ? b.toelichting : '',
  };
  ctx.state.resultaten.set(uuid, resultaat);
  zaak!.resultaat = url;
  zaak!.laatstGemuteerd = nowIso(ctx);
  return { status: 201, body: resultaat, headers: { location: url } };
};

const listResultaten: Handler = (ctx) => {
  const q = ctx.query;
  const eq = (v: unknown, w: unknown) => w === undefined || v === w;
  const items = [...ctx.state.resultaten.values()].filter((r) => eq(r.zaak, q.zaak) && eq(r.resultaattype, q.resultaattype));
  return { status: 200, body: paginate(ctx, items, (r) => r) };
};

const readResultaat: Handler = (ctx) => {
  const r = ctx.state.resultaten.get(ctx.pathParams.uuid.toLowerCase());
  if (!r) throw notFound();
  return { status: 200, body: r };
};

export const resultatenHandlers: Record<string, Handler> = {
  resultaat_create: createResultaat,
  resultaat_list: listResultaten,
  resultaat_read: readResultaat,
  resultaat_head: readResultaat,
};
