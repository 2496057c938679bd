// The capture sources and the rules that turn a scanned batch into documents. See the modules for details.
export * from './errors';
export * from './profiles';
export * from './separator';
export * from './separator-payload';
export { findPatchCodes, PATCH_PATTERNS, type PatchCode, type PatchFound } from './patch-code';
export * from './split';
export { analysePage, analysePages } from './analyse';
export * from './escl/index';
export { saneAvailable, listSaneDevices, saneDeviceOptions, scanWithSane, type SaneSettings, type SanePage, type SaneScanResult, type SaneErrorCode } from './sane';
export type { SaneDevice, SaneOptions } from './sane-parse';
export { watchFolder, defaultAccept, PROCESSED_DIR, FAILED_DIR, DEFAULT_STATE_FILE, type WatchedFile, type WatchOutcome, type WatchEvent, type WatchOptions } from './watch';
export { FileJournal, MemoryJournal, type WatchJournal, type JournalEntry, type JournalSummary } from './watch-journal';
