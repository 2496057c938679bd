import { describe, expect, it } from 'vitest';
import type * as Main from '../../../main/core-protocol';
import type * as Core from '../../../src/hosts/utility';

// main/core-protocol.ts and src/hosts/utility.ts declare the main ↔ core messages each for itself (main must not
// type-check the whole core). These assignments make `npm run typecheck` fail as soon as the two differ.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const toCore: Same<Main.ToCore, Core.ToCore> = true;
const fromCore: Same<Main.FromCore, Core.FromCore> = true;
const blob: Same<Main.BlobAnswer, Core.BlobAnswer> = true;

describe('main ↔ core protocol', () => {
  it('is declared identically on both sides (checked by the type-checker)', () => {
    expect([toCore, fromCore, blob]).toEqual([true, true, true]);
  });
});
