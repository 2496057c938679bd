// The store's numbered schema migrations (step 10). A migration that rebuilds documents, zgw_outbox, zgw_objects or
// zgw_connections (create new, copy, drop, rename) must drop the classification_stale_* triggers of 0200 first, make
// them again after, and set classification_index_state.all_stale = 1 (classification-index.test.ts checks they exist).
import m0010 from './0010-initial';
import m0020 from './0020-sync';
import m0030 from './0030-outbox-open-index';
import m0040 from './0040-outbox-eio-attempts';
import m0050 from './0050-people';
import m0060 from './0060-audit-people';
import m0070 from './0070-purge';
import m0080 from './0080-document-fields';
import m0090 from './0090-eio-corrections';
import m0100 from './0100-page-thumbs';
import m0110 from './0110-zgw-roltypen';
import m0120 from './0120-zgw-health';
import m0130 from './0130-time-indexes';
import m0140 from './0140-resultaattypen-whole';
import m0150 from './0150-classification-review';
import m0160 from './0160-hand-back';
import m0170 from './0170-vervanging';
import m0180 from './0180-verklaring-deliveries';
import m0190 from './0190-selectielijst';
import m0200 from './0200-classification-index';

/** Released ones are never edited. Each runs in its own transaction. */
export const migrations: { version: number; name: string; sql: string }[] = [
  { version: 10, name: 'initial', sql: m0010 },
  { version: 20, name: 'sync', sql: m0020 },
  { version: 30, name: 'outbox-open-index', sql: m0030 },
  { version: 40, name: 'outbox-eio-attempts', sql: m0040 },
  { version: 50, name: 'people', sql: m0050 },
  { version: 60, name: 'audit-people', sql: m0060 },
  { version: 70, name: 'purge', sql: m0070 },
  { version: 80, name: 'document-fields', sql: m0080 },
  { version: 90, name: 'eio-corrections', sql: m0090 },
  { version: 100, name: 'page-thumbs', sql: m0100 },
  { version: 110, name: 'zgw-roltypen', sql: m0110 },
  { version: 120, name: 'zgw-health', sql: m0120 },
  { version: 130, name: 'time-indexes', sql: m0130 },
  { version: 140, name: 'resultaattypen-whole', sql: m0140 },
  { version: 150, name: 'classification-review', sql: m0150 },
  { version: 160, name: 'hand-back', sql: m0160 },
  { version: 170, name: 'vervanging', sql: m0170 },
  { version: 180, name: 'verklaring-deliveries', sql: m0180 },
  { version: 190, name: 'selectielijst', sql: m0190 },
  { version: 200, name: 'classification-index', sql: m0200 },
];
export const latestSchemaVersion = migrations[migrations.length - 1].version;
