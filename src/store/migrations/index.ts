// The store's numbered schema migrations (step 10).
import m0010 from './0010-initial';
import m0020 from './0020-sync';
import m0030 from './0030-outbox-open-index';
import m0040 from './0040-outbox-eio-attempts';

/** Released ones are never edited. Each runs in its own transaction. */
export const migrations: { version: number; name: string; sql: string }[] = [
  { version: 10, name: 'initial', sql: m0010 },
  { version: 20, name: 'sync', sql: m0020 },
  { version: 30, name: 'outbox-open-index', sql: m0030 },
  { version: 40, name: 'outbox-eio-attempts', sql: m0040 },
];
export const latestSchemaVersion = migrations[migrations.length - 1].version;
