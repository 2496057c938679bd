import { setFlagsFromString } from 'node:v8';

// How the core's JavaScript heap grows. V8 sizes the old generation after each full collection from the live size
// times a growing factor it picks from its measured speeds; for the core that factor comes out small (the live
// heap is a few tens of MB), so during a delivery run — hundreds of short HTTP exchanges a second, each leaving a
// little behind — the old generation reaches its limit again within ~100 ms and the helper threads spend a quarter
// of the process's CPU marking the same live objects over and over (measured: ~10 full collections a second at
// 500 documents/s; ~1 a minute with the factor below). A fixed factor of 2 lets the old generation reach twice
// its live size before it is collected: at most some tens of MB more, in a process whose memory is dominated by
// the OCR workers' own heaps.
export const HEAP_GROWING_PERCENT = 100;

let configured = false;

/** Sets the growing factor once per process (V8 reads it at every full collection, so setting it late is fine). */
export function configureHeap(): void {
  if (configured) return;
  configured = true;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
