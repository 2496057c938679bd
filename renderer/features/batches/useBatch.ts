// One batch as the batch list has it (label, date, source), for the headings of its dossier and QC screens.
import type { CommandOutput } from '../../../src/contract';
import { useCommand } from '../../app/api';

export type BatchRow = CommandOutput<'batches.get'>['batch'];

/** The most batches the list asks for (the contract's maximum). */
export const BATCH_LIST_LIMIT = 1000;

export function useBatchRow(batchId: string): BatchRow | null {
  return useCommand('batches.get', { batchId }).data?.batch ?? null;
}

/** A batch's label, or the start of its id while it is read. */
export const batchLabel = (row: BatchRow | null, batchId: string): string => row?.label ?? batchId.slice(0, 8);
