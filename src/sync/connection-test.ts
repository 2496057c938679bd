// "Verbinding testen": says exactly what is wrong with a zaaksysteem connection, in the order a person would check it.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Connection } from './connections';
import { explainFailure, serverText } from './explain';
import { isExpiredToken, SyncError, type SyncFailure } from './failure';
import { ZgwHttp, type Identity, type ZgwCredentials } from './http';
import { InformatieObjectType, Paginated, Zaak, ZaakType, Eio } from './schemas';
import { connectionBases, describeTarget, UrlScope } from './url-scope';

// The order: the address (DNS), the secure connection (TLS), the credentials (401/403 with the server's own reason),
// the clock (a JWT is refused when this computer's clock is off), then each API and the configured
// informatieobjecttype, and last the addresses the server gives back: one outside the configured base URLs (an Open
// Zaak behind a proxy that answers with its internal host name) would never get the credential, so delivery would
// stop there.

export type CheckName = 'dns' | 'tls' | 'auth' | 'clock' | 'catalogi' | 'zaken' | 'documenten' | 'informatieobjecttype' | 'addresses';

export interface ConnectionCheck {
  check: CheckName;
  ok: boolean;
  message: string;
}

export interface ConnectionTestResult {
  ok: boolean;
  checks: ConnectionCheck[];
}

const CLOCK_TOLERANCE_MS = 30_000;

function skewMessage(skewMs: number): string {
  const s = Math.round(Math.abs(skewMs) / 1000);
  return `De klok van deze computer loopt ${s} seconden ${skewMs > 0 ? 'voor' : 'achter'} op het zaaksysteem; het toegangstoken (JWT) wordt dan geweigerd. Zet de tijd gelijk (NTP).`;
}

/** Every http(s) URL in a (schema-checked) answer: `url`, `next`, `zaaktype`, `informatieobjecttypen` … */
function collectUrls(value: unknown, into: string[], depth = 0): void {
  if (depth > 6 || into.length > 1000) return;
  if (typeof value === 'string') {
    if (/^https?:\/\//i.test(value)) into.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) collectUrls(v, into, depth + 1);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) collectUrls(v, into, depth + 1);
  }
}

function addressesMessage(outside: string[]): string {
  const shown = outside.slice(0, 5).join(', ');
  const more = outside.length > 5 ? ` en ${outside.length - 5} meer` : '';
  return `Het zaaksysteem geeft adressen terug die buiten de ingestelde verbinding vallen: ${shown}${more}. Daarheen wordt het toegangstoken niet gestuurd, dus versturen stopt daar. Stel de adressen van de verbinding in zoals het zaaksysteem ze zelf noemt (of laat de proxy of het zaaksysteem de juiste namen teruggeven).`;
}

function authMessage(f: Extract<SyncFailure, { kind: 'http' }>): string {
  const reason = [f.problem?.code, f.problem?.detail]
    .filter((x): x is string => !!x)
    .map(serverText)
    .join(': ');
  return `Het zaaksysteem weigert de toegang (HTTP ${f.status}${reason ? `, ${reason}` : ''}). Controleer client-ID, secret en de autorisaties van deze applicatie.`;
}

export async function testConnection(
  conn: Connection,
  credentials: ZgwCredentials,
  identity: Identity,
  now: () => number = Date.now,
): Promise<ConnectionTestResult> {
  const checks: ConnectionCheck[] = [];
  const push = (check: CheckName, ok: boolean, message: string) => checks.push({ check, ok, message });

  // 1. DNS for every distinct host.
  const hosts = [...new Set([conn.zaken, conn.documenten, conn.catalogi].map((u) => new URL(u).hostname.replace(/^\[|\]$/g, '')))];
  let dnsOk = true;
  for (const h of hosts) {
    if (isIP(h) || h === 'localhost') continue;
    try {
      await lookup(h);
    } catch (e) {
      dnsOk = false;
      push(
        'dns',
        false,
        `De naam ${h} is niet te vinden (DNS: ${(e as NodeJS.ErrnoException).code ?? 'fout'}). Controleer het adres en het netwerk.`,
      );
    }
  }
  if (!dnsOk) return { ok: false, checks };
  push('dns', true, hosts.length === 1 ? `${hosts[0]} gevonden.` : `${hosts.join(', ')} gevonden.`);

  const bases = connectionBases(conn);
  const scope = new UrlScope(bases);
  const http = new ZgwHttp(credentials, { identity, timeoutMs: 15_000, now, bases });
  const returned: string[] = [];
  let skewMs: number | undefined;
  let authFailed = false;
  let tlsReported = false;
  const api = async (
    check: 'catalogi' | 'zaken' | 'documenten',
    run: () => Promise<{ serverDate?: number; data?: unknown }>,
    okText: string,
  ) => {
    const sentAt = now();
    try {
      const r = await run();
      if (r.serverDate !== undefined) skewMs = sentAt - r.serverDate;
      collectUrls((r as { data?: unknown }).data, returned);
      push(check, true, okText);
    } catch (e) {
      if (!(e instanceof SyncError)) throw e;
      const f = e.failure;
      if (f.kind === 'http' && f.serverDate !== undefined) skewMs = sentAt - f.serverDate;
      if (f.kind === 'network' && f.tls) {
        if (!tlsReported)
          push(
            'tls',
            false,
            `Beveiligde verbinding mislukt (${f.code}). Het certificaat van het zaaksysteem wordt niet vertrouwd of klopt niet met het adres.`,
          );
        tlsReported = true;
        push(check, false, `${check}: geen beveiligde verbinding.`);
      } else if (f.kind === 'http' && (f.status === 401 || f.status === 403)) {
        authFailed = true;
        if (isExpiredToken(f) && !checks.some((c) => c.check === 'clock')) {
          push(
            'clock',
            false,
            skewMs !== undefined && Math.abs(skewMs) > CLOCK_TOLERANCE_MS
              ? skewMessage(skewMs)
              : 'Het zaaksysteem vindt het toegangstoken (JWT) verlopen of uit de toekomst: de klok van deze computer of van het zaaksysteem staat niet goed. Zet de tijd gelijk (NTP).',
          );
        }
        push(check, false, authMessage(f));
      } else {
        push(check, false, `${check}: ${explainFailure(f)}`);
      }
    }
  };

  await api(
    'catalogi',
    () =>
      http.request({
        method: 'GET',
        url: `${conn.catalogi}/zaaktypen`,
        query: { status: 'definitief', pageSize: 1 },
        schema: Paginated(ZaakType),
      }),
    'Catalogi-API bereikbaar en toegang verleend.',
  );
  await api(
    'zaken',
    () =>
      http.request({
        method: 'GET',
        url: `${conn.zaken}/zaken`,
        query: { bronorganisatie: conn.rsin, pageSize: 1 },
        crs: true,
        schema: Paginated(Zaak),
      }),
    'Zaken-API bereikbaar en toegang verleend.',
  );
  await api(
    'documenten',
    () =>
      http.request({
        method: 'GET',
        url: `${conn.documenten}/enkelvoudiginformatieobjecten`,
        query: { bronorganisatie: conn.rsin, pageSize: 1 },
        schema: Paginated(Eio),
      }),
    'Documenten-API bereikbaar en toegang verleend.',
  );

  const secure = [conn.zaken, conn.documenten, conn.catalogi].every((u) => u.startsWith('https:'));
  if (!tlsReported && checks.some((c) => ['catalogi', 'zaken', 'documenten'].includes(c.check) && c.ok)) {
    push('tls', true, secure ? 'Beveiligde verbinding (TLS) in orde.' : 'Geen TLS: alleen toegestaan op deze computer zelf (test).');
  }
  if (skewMs !== undefined && !checks.some((c) => c.check === 'clock')) {
    if (Math.abs(skewMs) > CLOCK_TOLERANCE_MS) push('clock', false, skewMessage(skewMs));
    else push('clock', true, 'De klok van deze computer loopt gelijk met het zaaksysteem.');
  }
  if (!authFailed && checks.some((c) => c.ok && c.check === 'catalogi')) push('auth', true, 'Client-ID en secret worden geaccepteerd.');
  else if (authFailed) push('auth', false, 'Client-ID of secret wordt geweigerd, of de applicatie heeft niet de nodige autorisaties.');

  if (conn.informatieobjecttype) {
    try {
      const r = await http.request({ method: 'GET', url: conn.informatieobjecttype, schema: InformatieObjectType });
      collectUrls(r.data, returned);
      if (r.data.concept)
        push('informatieobjecttype', false, `Het documenttype "${r.data.omschrijving}" is nog niet gepubliceerd (concept).`);
      else push('informatieobjecttype', true, `Documenttype "${r.data.omschrijving}" gevonden.`);
    } catch (e) {
      if (!(e instanceof SyncError)) throw e;
      push('informatieobjecttype', false, `Het ingestelde documenttype kan niet worden opgehaald: ${explainFailure(e.failure)}`);
    }
  }
  if (returned.length > 0) {
    const outside = [...new Set(scope.outside(returned).map(describeTarget))];
    if (outside.length > 0) push('addresses', false, addressesMessage(outside));
    else push('addresses', true, 'De adressen die het zaaksysteem teruggeeft vallen binnen de ingestelde verbinding.');
  }
  return { ok: checks.every((c) => c.ok), checks };
}
