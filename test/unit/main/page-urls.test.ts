// postkamer://page/<pageId>/<thumb|image>: strict parsing in main, and the page message between main and the real
// core host (in-process) — the images themselves are made and checked in test/integration/page-images.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { CoreProcess } from '../../../main/core-process';
import { PAGE_HOST, parsePostkamerUrl } from '../../../main/urls';
import { appPageUrl, webPageUrl } from '../../../renderer/app/bridge';
import { inProcessChild, tempDir } from './support/in-process-core';

const id = '0b7c3d9e-1234-4abc-8def-0123456789ab';
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('postkamer://page URLs', () => {
  it('parses a page image URL: a lowercase UUID and thumb or image, nothing else', () => {
    expect(PAGE_HOST).toBe('page');
    expect(parsePostkamerUrl(`postkamer://page/${id}/thumb`)).toEqual({ kind: 'page', pageId: id, size: 'thumb' });
    expect(parsePostkamerUrl(`postkamer://page/${id}/image`)).toEqual({ kind: 'page', pageId: id, size: 'image' });
    // The renderer's fragment (a version after a turn) never reaches the handler's decision.
    expect(parsePostkamerUrl(`postkamer://page/${id}/thumb#v=90`)).toEqual({ kind: 'page', pageId: id, size: 'thumb' });
    for (const bad of [
      `postkamer://page/${id}/pdf`,
      `postkamer://page/${id}/full`,
      `postkamer://page/${id}`,
      `postkamer://page/${id}/thumb/more`,
      `postkamer://page/${id}/thumb?w=2000`,
      `postkamer://page/${id.toUpperCase()}/thumb`,
      `postkamer://page/${id.slice(0, -1)}/thumb`,
      `postkamer://page/${id}x/thumb`,
      `postkamer://page/..%2F${id}/thumb`,
      `postkamer://page//thumb`,
      `postkamer://user:pw@page/${id}/thumb`,
      `postkamer://page:8080/${id}/thumb`,
      `https://page/${id}/thumb`,
      `postkamer://blob/${id}/thumb`,
    ])
      expect(parsePostkamerUrl(bad), bad).toBeNull();
  });

  it("the renderer's pageUrl builds exactly what main and the web harness accept", () => {
    expect(parsePostkamerUrl(appPageUrl(id, 'thumb'))).toEqual({ kind: 'page', pageId: id, size: 'thumb' });
    expect(parsePostkamerUrl(appPageUrl(id, 'image'))).toEqual({ kind: 'page', pageId: id, size: 'image' });
    expect(webPageUrl(id, 'thumb')).toBe(`/page/${id}/thumb`);
    expect(webPageUrl(id, 'image')).toBe(`/page/${id}/image`);
  });
});

describe('the page message to the core host', () => {
  it('answers 404 for a page the store does not have, and 500 for a size it does not make', async () => {
    const { dir, remove } = tempDir();
    const child = inProcessChild();
    const core = new CoreProcess(
      child,
      { dataDir: dir, key: Buffer.alloc(32, 3), create: { passphrase: 'een lang genoeg wachtwoord' } },
      null,
      () => undefined,
    );
    cleanups.push(remove, () => core.stop());
    await core.ready;
    expect(await core.page(id, 'thumb')).toEqual({ ok: false, status: 404 });
    expect(await core.page(id, 'image')).toEqual({ ok: false, status: 404 });
    expect(await core.page(id, 'large' as never)).toEqual({ ok: false, status: 500 });
    expect(child.received.filter((m) => m.t === 'page')).toHaveLength(3);
  });

  it('answers 500 without waiting once the core has gone', async () => {
    const { dir, remove } = tempDir();
    const child = inProcessChild();
    const core = new CoreProcess(
      child,
      { dataDir: dir, key: Buffer.alloc(32, 4), create: { passphrase: 'een lang genoeg wachtwoord' } },
      null,
      () => undefined,
    );
    cleanups.push(remove);
    await core.ready;
    await core.stop();
    expect(await core.page(id, 'thumb')).toEqual({ ok: false, status: 500 });
  });
});
