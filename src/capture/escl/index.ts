export { EsclClient, checkSettings, type EsclClientOptions, type EsclErrorCode, type EsclPage, type EsclProgress, type EsclScanResult } from './client';
export { discoverEscl, manualScanner, scannersFromRecords, baseUrlFor, ESCL_SERVICES, type EsclScanner, type DiscoverOptions } from './discover';
export {
  parseCapabilities, parseStatus, parseScanSettings, scanSettingsXml, faultOf, jobFor,
  type EsclCapabilities, type EsclStatus, type EsclJobInfo, type EsclScanSettings, type EsclSourceCaps,
} from './model';
export type { TlsOptions } from './http';
