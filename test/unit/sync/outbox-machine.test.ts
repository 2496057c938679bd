import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  claimEioAttempt,
  classify,
  judgeFoundEio,
  mustLookUp,
  nextStep,
  partsToUpload,
  resumeState,
  type OutboxRow,
} from '../../../src/sync/outbox-machine';
import type { SyncFailure } from '../../../src/sync/failure';

const base = {
  state: 'pending' as const,
  sha256: 'a'.repeat(64),
  zaakUrl: 'http://z/zaken/1',
  target: 'zaaknummer' as const,
  zaakIdentificatie: null,
};

describe('nextStep', () => {
  it('walks pending → document-created → content-uploaded → linked → done, resolving the zaak first', () => {
    expect(nextStep({ ...base, sha256: null })).toBe('freeze');
    expect(nextStep({ ...base, zaakUrl: null })).toBe('resolve-zaak');
    expect(nextStep({ ...base, zaakUrl: null, target: 'nieuwe-zaak' })).toBe('reserve-zaaknummer');
    expect(nextStep({ ...base, zaakUrl: null, target: 'nieuwe-zaak', zaakIdentificatie: 'ZAAK-1' })).toBe('create-zaak');
    expect(nextStep(base)).toBe('create-eio');
    expect(nextStep({ ...base, state: 'document-created' })).toBe('upload-parts');
    expect(nextStep({ ...base, state: 'content-uploaded' })).toBe('link');
    expect(nextStep({ ...base, state: 'linked' })).toBe('finish');
    expect(nextStep({ ...base, state: 'done' })).toBeNull();
    expect(nextStep({ ...base, state: 'attention' })).toBeNull();
  });

  it('resumes from what a row recorded', () => {
    expect(resumeState({ eioUrl: null, lock: null, zioUrl: null })).toBe('pending');
    expect(resumeState({ eioUrl: 'e', lock: 'l', zioUrl: null })).toBe('document-created');
    expect(resumeState({ eioUrl: 'e', lock: null, zioUrl: null })).toBe('content-uploaded');
    expect(resumeState({ eioUrl: 'e', lock: null, zioUrl: 'z' })).toBe('linked');
  });
});

describe("look up before a create only when an earlier attempt's outcome is unknown", () => {
  it('sends the first attempt of an EIO create as is; any later one (counted before it was sent) looks up first', () => {
    expect(mustLookUp({ create: 'eio', attempt: 1 })).toBe(false);
    expect(mustLookUp({ create: 'eio', attempt: 2 })).toBe(true); // a crash, a reset or a timeout left attempt 1 unknown
    expect(mustLookUp({ create: 'eio', attempt: 7 })).toBe(true);
    // Not counted at all: nothing says it is the first, so it is treated as unknown.
    expect(mustLookUp({ create: 'eio', attempt: 0 })).toBe(true);
  });

  it('sends a zaak or a link at once only under an identity this delivery made itself, and only the first time', () => {
    // A zaaknummer reserved by this delivery, an EIO it created: nobody can have used them yet.
    expect(mustLookUp({ create: 'zaak', fresh: true, triedHere: 0 })).toBe(false);
    expect(mustLookUp({ create: 'zio', fresh: true, triedHere: 0 })).toBe(false);
    // Sent once already in this delivery ("already exists", an expired token): look up before sending again.
    expect(mustLookUp({ create: 'zaak', fresh: true, triedHere: 1 })).toBe(true);
    expect(mustLookUp({ create: 'zio', fresh: true, triedHere: 1 })).toBe(true);
    // Recorded by an earlier delivery (a resumed row, a relink, a zaaknummer from an earlier run): look up.
    expect(mustLookUp({ create: 'zaak', fresh: false, triedHere: 0 })).toBe(true);
    expect(mustLookUp({ create: 'zio', fresh: false, triedHere: 0 })).toBe(true);
  });

  it('counts an EIO attempt at the claim only for a row that may still create its EIO', () => {
    expect(claimEioAttempt({ state: 'pending', eioUrl: null, eioAttempts: 0 })).toEqual({ eioAttempts: 1 });
    expect(claimEioAttempt({ state: 'pending', eioUrl: null, eioAttempts: 1 })).toEqual({ eioAttempts: 2 });
    expect(claimEioAttempt({ state: 'document-created', eioUrl: 'e', eioAttempts: 1 })).toBeNull();
    expect(claimEioAttempt({ state: 'content-uploaded', eioUrl: 'e', eioAttempts: 1 })).toBeNull();
    expect(claimEioAttempt({ state: 'linked', eioUrl: 'e', eioAttempts: 1 })).toBeNull();
  });
});

const http = (status: number, codes: string[] = [], extra: Partial<Extract<SyncFailure, { kind: 'http' }>> = {}): SyncFailure => ({
  kind: 'http',
  status,
  problem: {
    code: codes.length ? 'invalid' : undefined,
    invalidParams: codes.map((code) => ({ name: 'nonFieldErrors', code, reason: 'x' })),
  },
  ...extra,
});

describe('classify', () => {
  it('treats "already exists" answers as a reason to look up again, only for the step that creates that object', () => {
    expect(classify(http(400, ['identificatie-niet-uniek']), 'create-eio')).toEqual({ kind: 'again', code: 'identificatie-niet-uniek' });
    expect(classify(http(400, ['identificatie-niet-uniek']), 'create-zaak')).toMatchObject({ kind: 'again' });
    expect(classify(http(400, ['unique']), 'link')).toMatchObject({ kind: 'again' });
    expect(classify(http(400, ['unique']), 'create-eio')).toMatchObject({ kind: 'permanent', code: 'unique' });
    expect(classify(http(400, ['incomplete-upload']), 'upload-parts')).toMatchObject({ kind: 'again' });
  });

  it('sends validation errors to attention with the Dutch explanation', () => {
    const v = classify(http(400, ['zaak-archiefstatus-invalid']), 'link');
    expect(v).toEqual({
      kind: 'permanent',
      code: 'zaak-archiefstatus-invalid',
      message: 'De zaak is gearchiveerd; koppelen kan niet meer.',
    });
    expect(classify(http(404), 'upload-parts')).toMatchObject({ kind: 'permanent', code: 'zgw-http-404' });
    expect(classify(http(412), 'resolve-zaak')).toMatchObject({ kind: 'permanent' });
  });

  it("retries what may pass later, with the server's Retry-After", () => {
    expect(classify(http(429, [], { retryAfterMs: 7000 }), 'create-eio')).toMatchObject({
      kind: 'transient',
      retryAfterMs: 7000,
      offline: false,
    });
    for (const s of [500, 502, 503, 504, 408])
      expect(classify(http(s), 'link')).toMatchObject({ kind: 'transient', code: `zgw-http-${s}` });
    expect(classify({ kind: 'timeout', afterMs: 30_000 }, 'create-eio')).toMatchObject({ kind: 'transient', offline: false });
    expect(classify({ kind: 'invalid-response', detail: 'x' }, 'link')).toMatchObject({ kind: 'transient' });
  });

  it("re-mints an expired JWT at once; other refusals are a connection problem, not the document's", () => {
    expect(classify({ kind: 'http', status: 403, problem: { code: 'jwt-expired' } }, 'link')).toEqual({ kind: 'reauth' });
    expect(classify({ kind: 'http', status: 403, problem: { code: 'invalid-jwt-signature' } }, 'link')).toMatchObject({
      kind: 'transient',
      code: 'zgw-auth',
    });
    expect(classify({ kind: 'http', status: 401 }, 'link')).toMatchObject({ kind: 'transient', code: 'zgw-auth' });
  });

  it('knows offline (refused, DNS) from a lost answer (reset) and from TLS trouble', () => {
    const net = (code: string, o: Partial<{ tls: boolean; dns: boolean }> = {}): SyncFailure => ({
      kind: 'network',
      code,
      offline: false,
      tls: false,
      dns: false,
      ...o,
    });
    expect(classify(net('ECONNREFUSED'), 'link')).toMatchObject({ kind: 'transient', code: 'zgw-unreachable', offline: true });
    expect(classify(net('ENOTFOUND', { dns: true }), 'link')).toMatchObject({ code: 'zgw-dns', offline: true });
    expect(classify(net('ECONNRESET'), 'link')).toMatchObject({ code: 'zgw-unreachable', offline: false });
    expect(classify(net('CERT_HAS_EXPIRED', { tls: true }), 'link')).toMatchObject({ code: 'zgw-tls', offline: false });
  });

  it('turns our own findings into attention', () => {
    expect(classify({ kind: 'local', code: 'zgw-zaak-onbekend', message: 'Zaak X bestaat niet' }, 'resolve-zaak')).toEqual({
      kind: 'permanent',
      code: 'zgw-zaak-onbekend',
      message: 'Zaak X bestaat niet',
    });
  });
});

describe('classify: credential scope, answer size, token expiry', () => {
  it('stops a document whose URL lies outside the connection (retrying cannot help), in Dutch, naming the address', () => {
    const v = classify(
      { kind: 'out-of-scope', target: 'http://kwaad:8000/catalogi/api/v1/zaaktypen/1', bases: ['https://oz/catalogi/api/v1'] },
      'create-zaak',
    );
    expect(v).toMatchObject({ kind: 'permanent', code: 'url-outside-connection' });
    expect((v as { message: string }).message).toContain(
      'http://kwaad:8000/catalogi/api/v1/zaaktypen/1 valt buiten de ingestelde verbinding',
    );
  });

  it('retries after an answer that was too large, saying so', () => {
    const v = classify({ kind: 'too-large', limitBytes: 16 * 1024 * 1024 }, 'resolve-zaak');
    expect(v).toMatchObject({ kind: 'transient', code: 'zgw-response-too-large', offline: false });
    expect((v as { message: string }).message).toContain('antwoord groter dan 16 MiB');
  });

  it("re-mints a token refused by PyJWT's exp check as well as by Open Zaak's own", () => {
    expect(
      classify({ kind: 'http', status: 403, problem: { code: 'permission_denied', detail: 'Signature has expired' } }, 'link'),
    ).toEqual({ kind: 'reauth' });
    expect(classify({ kind: 'http', status: 403, problem: { code: 'permission_denied', detail: 'Geen rechten' } }, 'link')).toMatchObject({
      kind: 'transient',
      code: 'zgw-auth',
    });
  });
});

describe('backoffMs', () => {
  const policy = { baseMs: 1000, capMs: 60_000 };
  it('doubles per attempt within [half, full] of the exponential step, up to the cap', () => {
    for (const [attempt, full] of [
      [1, 1000],
      [2, 2000],
      [3, 4000],
      [7, 60_000],
      [30, 60_000],
    ] as const) {
      expect(backoffMs(attempt, () => 0, policy)).toBe(full / 2);
      expect(backoffMs(attempt, () => 0.999999, policy)).toBe(Math.round(full / 2 + 0.999999 * (full / 2)));
    }
  });
  it('spreads workstations that failed together', () => {
    let x = 1;
    const rnd = () => (x = (x * 48271) % 2147483647) / 2147483647;
    const delays = new Set(Array.from({ length: 20 }, () => backoffMs(4, rnd, policy)));
    expect(delays.size).toBeGreaterThan(15);
  });
  it("never goes below the server's Retry-After (capped at an hour)", () => {
    expect(backoffMs(1, () => 0, policy, 30_000)).toBe(30_000);
    expect(backoffMs(1, () => 0, policy, 10)).toBe(500);
    expect(backoffMs(1, () => 0, policy, 10 * 3600_000)).toBe(3600_000);
  });
});

describe('parts', () => {
  it('cuts the file exactly by omvang in volgnummer order and sends only parts not yet complete', () => {
    const parts = [
      { url: 'c', volgnummer: 3, omvang: 2, voltooid: false },
      { url: 'a', volgnummer: 1, omvang: 4, voltooid: true },
      { url: 'b', volgnummer: 2, omvang: 4, voltooid: false },
    ];
    expect(partsToUpload(parts)).toEqual([
      { part: parts[2], start: 4, end: 8 },
      { part: parts[0], start: 8, end: 10 },
    ]);
  });

  it('judges an EIO found by identificatie by its checksum and size', () => {
    const sha = 'b'.repeat(64);
    const found = { url: 'u', locked: false, bestandsomvang: 10, integriteit: { algoritme: 'sha_256', waarde: sha } };
    expect(judgeFoundEio(found, sha, 10)).toBe('complete');
    expect(judgeFoundEio({ ...found, locked: true }, sha, 10)).toBe('uploading');
    expect(judgeFoundEio({ ...found, integriteit: { algoritme: 'sha_256', waarde: 'c'.repeat(64) } }, sha, 10)).toBe('different');
    expect(judgeFoundEio({ ...found, bestandsomvang: 11 }, sha, 10)).toBe('different');
    expect(judgeFoundEio({ ...found, integriteit: { algoritme: 'md5', waarde: 'x' } }, sha, 10)).toBe('different');
  });
});

void ({} as OutboxRow);
