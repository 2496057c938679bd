// Finishes what a crashed process left: scanner jobs it was receiving, and items it had not processed.
import { processPendingItems, type UnitOutcome } from './process';
import type { IngestContext } from './receive';
import { endAbandonedScanJobs } from './scan';

export async function resumeInterruptedWork(ctx: IngestContext): Promise<UnitOutcome[]> {
  endAbandonedScanJobs(ctx);
  return processPendingItems(ctx);
}
