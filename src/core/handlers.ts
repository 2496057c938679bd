// Every command of the contract mapped to its feature's handler: the one place the features are merged, checked
// against the contract by the type checker (a missing handler fails `satisfies HandlerTable`; a name the contract
// does not have fails the feature's own `satisfies SomeHandlers`) and, for a command two features both claim, here.
import { appCommands } from './commands/app';
import { auditCommands } from './commands/audit';
import { documentCommands } from './commands/documents';
import { ingestCommands } from './commands/ingest';
import { pageCommands } from './commands/pages';
import { fieldCommands } from './commands/fields';
import { profileCommands } from './commands/profiles';
import { scannerCommands } from './commands/scanners';
import { syncCommands } from './commands/sync';
import { peopleCommands, type ConnectionOf } from './commands/people';
import { privacyCommands } from './commands/privacy';
import { reportCommands } from './commands/report';
import { classificationCommands } from './commands/classification';
import { handBackCommands } from './commands/hand-back';
import { exportMdtoCommands } from './commands/export-mdto';
import { qcCommands } from './commands/qc';
import { vernietigingCommands } from './commands/vernietiging';
import type { Sessions } from './sessions';
import type { EventName } from '../contract/events';
import type { ReplacementPage } from './pages/change';
import type { BuildSettings } from './build-document';
import type { ScannerTrust } from './scanner-trust';
import type { SyncService } from './sync-service';
import type { UploadBuffer } from './uploads';
import type { CoreServices, HandlerTable, SomeHandlers } from './types';

/** What the features need besides the core's services: the state the core keeps for them. */
export interface FeatureState {
  buildSettings: BuildSettings;
  sync: SyncService;
  uploads: UploadBuffer;
  scanners: ScannerTrust;
  sessions: Sessions;
  connectionOf: ConnectionOf;
  /** A page scanned again, recognised as at ingest (src/core/recognition.ts). */
  recognisePage: (bytes: Uint8Array, fileName: string) => Promise<ReplacementPage>;
}

/** The feature modules' tables, in the order they are listed in docs/ARCHITECTURE.md. */
function features(core: CoreServices, state: FeatureState) {
  const fields = fieldCommands(core, () => state.sync.sync);
  const pageHost = { store: core.store, buildSettings: state.buildSettings, emit: (n: EventName, d: unknown) => core.emit(n, d) };
  return {
    app: appCommands(core, () => state.sync.outboxCounts()),
    documents: documentCommands(core),
    pages: pageCommands(pageHost),
    fields,
    ingest: ingestCommands(core, state.uploads),
    scanners: scannerCommands(core, state.scanners),
    profiles: profileCommands(core),
    sync: syncCommands(state.sync.sync, () => core.store.db),
    audit: auditCommands(core),
    people: peopleCommands(core, state.sessions, state.connectionOf),
    privacy: privacyCommands(core),
    report: reportCommands(core),
    handBack: handBackCommands(core),
    // A bulk action's documents are classified quietly (a preview is rolled back): the bulk emits and wakes the sync.
    classification: classificationCommands(
      core,
      () => state.sync.sync,
      quietClassify(core, () => state.sync.sync),
    ),
    exportMdto: exportMdtoCommands(core, () => state.sync.sync),
    qc: qcCommands(core, pageHost, state.scanners, state.recognisePage),
    vernietiging: vernietigingCommands(core),
  };
}

/** documents.classify without its events and without waking the sync (for classification.bulk). */
function quietClassify(core: CoreServices, sync: () => SyncService['sync']) {
  const quietCore: CoreServices = Object.create(core, { emit: { value: () => undefined } }) as CoreServices;
  const quietSync = () => new Proxy(sync(), { get: (t, p, r) => (p === 'documentReady' ? () => undefined : Reflect.get(t, p, r)) });
  return fieldCommands(quietCore, quietSync)['documents.classify'];
}

/** Throws when two features handle the same command (a spread would silently keep only the last one). */
export function assertDisjoint(tables: Record<string, SomeHandlers>): void {
  const owner = new Map<string, string>();
  for (const [feature, table] of Object.entries(tables)) {
    for (const command of Object.keys(table)) {
      const earlier = owner.get(command);
      if (earlier) throw new Error(`command ${command} is handled by two features: ${earlier} and ${feature}`);
      owner.set(command, feature);
    }
  }
}

export function createHandlers(core: CoreServices, state: FeatureState): HandlerTable {
  const f = features(core, state);
  assertDisjoint(f);
  return {
    ...f.app,
    ...f.documents,
    ...f.pages,
    ...f.fields,
    ...f.ingest,
    ...f.scanners,
    ...f.profiles,
    ...f.sync,
    ...f.audit,
    ...f.people,
    ...f.privacy,
    ...f.report,
    ...f.classification,
    ...f.handBack,
    ...f.exportMdto,
    ...f.qc,
    ...f.vernietiging,
  } satisfies HandlerTable;
}
