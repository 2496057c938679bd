import type { PostkamerApi } from '../../src/contract';

declare global {
  interface Window {
    /** Exposed by the Electron preload; created by bridge.ts in the web harness. */
    postkamer?: PostkamerApi;
  }
}

export {};
