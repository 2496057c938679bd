// The `postkamer:` protocol in main: serves the renderer bundle and stored documents to the window.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { protocol } from 'electron';
import type { BlobAnswer } from '../src/contract/core-process';
import { rendererFileFor } from './paths';
import { APP_SCHEME, CSP, SCHEME_PRIVILEGES } from './security';
import { blobMime, parsePostkamerUrl, rendererMime } from './urls';

// postkamer://app/…  the renderer bundle, with the app's CSP as a response header;
// postkamer://blob/<documentId>/<original|pdf>  a stored document, fetched from the core over its parent port, so
// large binaries never pass through the renderer's IPC;
// postkamer://page/<pageId>/<thumb|image>  a page's image for display, made and cached (in the vault) by the core.

/** Must run before `app` is ready. */
export function registerSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...SCHEME_PRIVILEGES } }]);
}

const COMMON = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' };
const plain = (status: number) => new Response(null, { status, headers: COMMON });

export function handleAppProtocol(opts: {
  rendererDir: string | null;
  blob(documentId: string, kind: 'original' | 'pdf'): Promise<BlobAnswer | null>;
  /** A page's image; null while the core is not ready. Without it, page URLs answer 404. */
  page?(pageId: string, size: 'thumb' | 'image'): Promise<BlobAnswer | null>;
  log(line: string): void;
}): void {
  if (!opts.rendererDir) opts.log('renderer bundle not found (build it: npm run build:renderer); the window stays empty');
  protocol.handle(APP_SCHEME, async (req) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(405);
    const target = parsePostkamerUrl(req.url);
    if (!target) return plain(404);
    if (target.kind === 'app') {
      if (!opts.rendererDir) return plain(404);
      const file = rendererFileFor(opts.rendererDir, target.path);
      if (!file) return plain(404);
      try {
        const body = await readFile(file);
        return new Response(req.method === 'HEAD' ? null : body, {
          status: 200,
          headers: { ...COMMON, 'Content-Type': rendererMime(extname(file)), 'Content-Security-Policy': CSP },
        });
      } catch {
        return plain(404);
      }
    }
    const answer =
      target.kind === 'blob'
        ? await opts.blob(target.documentId, target.variant)
        : opts.page
          ? await opts.page(target.pageId, target.size)
          : ({ ok: false, status: 404 } as const);
    if (!answer) return plain(503);
    if (!answer.ok) return plain(answer.status);
    return new Response(req.method === 'HEAD' ? null : (answer.data as Uint8Array<ArrayBuffer>), {
      status: 200,
      headers: {
        ...COMMON,
        'Content-Type': blobMime(answer.mime),
        'Content-Length': String(answer.data.byteLength),
        'Content-Disposition': 'inline',
      },
    });
  });
}
