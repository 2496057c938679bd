import { describe, expect, it } from 'vitest';
import { commands } from '../../../src/contract/commands';
import { assertDisjoint, createHandlers, type FeatureState } from '../../../src/core/handlers';
import { ScannerTrust } from '../../../src/core/scanner-trust';
import type { CoreServices } from '../../../src/core/types';
import { Sessions } from '../../../src/core/sessions';
import { UploadBuffer } from '../../../src/core/uploads';
import type { Store } from '../../../src/store/store';

// The type checker proves each feature names only contract commands and the merge covers them all; these check the
// same at run time, where a cast or a spread could still hide a gap, and the guard against two features claiming one.

/** Handlers are only built here, never called: nothing reads the store. */
function services(): CoreServices {
  const store = { db: null, dataDir: '/nonexistent' } as unknown as Store;
  return {
    store,
    emit: () => {},
    on: () => () => {},
    settings: () => ({
      locale: 'nl',
      maxFileBytes: 1,
      autoLockMinutes: 10,
      purgeAfterDays: 30,
      stageWarnHours: 8,
      perPersonStats: false,
      archiefvormer: null,
      exportDir: null,
      qcSampleRule: { kind: 'percentage', percent: 5, min: 10 },
      destructionWaitDays: 0,
      vervangingsbesluit: null,
      verklaringDocumenttype: null,
      selectielijstBases: ['https://selectielijst.openzaak.nl/api/v1'],
    }),
    auditAnchors: () => [],
    ingestContext: () => {
      throw new Error('not in this test');
    },
  };
}

describe('the command handlers (src/core/handlers.ts)', () => {
  it('has exactly one handler for every command of the contract', () => {
    const core = services();
    const state: FeatureState = {
      buildSettings: {},
      sync: { sync: {} as never, start: () => {}, stop: async () => {}, outboxCounts: () => ({}) },
      uploads: new UploadBuffer(),
      scanners: new ScannerTrust(() => {
        throw new Error('not in this test');
      }),
      sessions: new Sessions(),
      connectionOf: () => undefined,
      recognisePage: () => Promise.reject(new Error('not in this test')),
    };
    const handlers = createHandlers(core, state);
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(commands).sort());
    for (const h of Object.values(handlers)) expect(typeof h).toBe('function');
  });

  it('refuses two features that handle the same command, naming both', () => {
    const one = () => ({});
    expect(() => assertDisjoint({ documents: { 'documents.list': one as never }, pages: { 'documents.list': one as never } })).toThrow(
      'command documents.list is handled by two features: documents and pages',
    );
    expect(() =>
      assertDisjoint({ documents: { 'documents.list': one as never }, pages: { 'documents.pages': one as never } }),
    ).not.toThrow();
  });
});
