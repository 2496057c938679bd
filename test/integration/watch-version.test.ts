import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/core';
import { watchedFileToBatch } from '../../src/core/watch';
import { call, makePdf, openTestCore, tempDir } from './sync-support';
import { TEST_ADMIN } from '../support/people';

// A new version of a watched file (issue 15): it replaces the earlier version's documents when nobody has worked on
// them, so the letter ends as one document; when someone has (a field set, a link), both stay and the caller is told.

const ctx = { origin: 'cli' as const, connection: 'test-cli', actor: TEST_ADMIN.login, person: null };

describe('watchedFileToBatch with a new version', () => {
  let core: Core;
  let t: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    t = tempDir('watch-version');
    core = await openTestCore(join(t.dir, 'store'));
  });
  afterAll(async () => {
    await core?.close();
    t?.cleanup();
  });

  async function take(name: string, n: number, replaces?: { sha256: string; ref?: string }) {
    const bytes = await makePdf(n);
    const path = join(t.dir, `${name}-${n}.pdf`);
    writeFileSync(path, bytes);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const outcome = await watchedFileToBatch(core, ctx, {
      path,
      name,
      size: bytes.length,
      sha256,
      attempt: 1,
      ...(replaces ? { replaces } : {}),
    });
    if (!outcome.ok) throw new Error(outcome.reason);
    return { sha256, ref: outcome.ref!, replaced: outcome.replaced };
  }
  const docsOf = async (batchId: string) => call(core, 'documents.list', { batchId });

  it('replaces the untouched earlier version', async () => {
    const v1 = await take('scan.pdf', 1);
    expect(await docsOf(v1.ref)).toHaveLength(1);
    const v2 = await take('scan.pdf', 2, { sha256: v1.sha256, ref: v1.ref });
    expect(v2.replaced).toBe(true);
    expect(await docsOf(v1.ref)).toHaveLength(0);
    expect(await docsOf(v2.ref)).toHaveLength(1);
  });

  it('keeps both when the clerk has already worked on the earlier version', async () => {
    const v1 = await take('brief.pdf', 3);
    const [earlier] = await docsOf(v1.ref);
    await call(core, 'documents.edit', { id: earlier!.id, set: { afzender: 'Gemeente Dorp' } });
    const v2 = await take('brief.pdf', 4, { sha256: v1.sha256, ref: v1.ref });
    expect(v2.replaced).toBe(false);
    expect((await docsOf(v1.ref)).map((d) => d.id)).toEqual([earlier!.id]);
    expect(await docsOf(v2.ref)).toHaveLength(1);
  });
});
