// What a `postkamer:` URL asks for.
import { APP_HOST, APP_SCHEME, BLOB_HOST } from './security';

// Anything that does not match exactly is refused (404), never guessed at.

export type PostkamerTarget =
  | { kind: 'app'; path: string }
  | { kind: 'blob'; documentId: string; variant: 'original' | 'pdf' }
  | { kind: 'page'; pageId: string; size: 'thumb' | 'image' };

/** `postkamer://page/<pageId>/<thumb|image>`: a page's image for display (thumbnail, or a display size). */
export const PAGE_HOST = 'page';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function parsePostkamerUrl(url: string): PostkamerTarget | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.username || u.password || u.port) return null;
  if (u.hostname === APP_HOST) return { kind: 'app', path: u.pathname || '/' };
  if (u.hostname === BLOB_HOST) {
    const m = /^\/([^/]+)\/(original|pdf)$/.exec(u.pathname);
    if (!m || !UUID.test(m[1]!) || u.search) return null;
    return { kind: 'blob', documentId: m[1]!, variant: m[2] as 'original' | 'pdf' };
  }
  if (u.hostname === PAGE_HOST) {
    const m = /^\/([^/]+)\/(thumb|image)$/.exec(u.pathname);
    if (!m || !UUID.test(m[1]!) || u.search) return null;
    return { kind: 'page', pageId: m[1]!, size: m[2] as 'thumb' | 'image' };
  }
  return null;
}

const RENDERER_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export const rendererMime = (ext: string) => RENDERER_TYPES[ext.toLowerCase()] ?? 'application/octet-stream';

// Stored documents are only ever these types (ingest refuses the rest). Anything else is served as an opaque
// download type, so a stored file can never run as HTML or SVG script in the app's process.
const BLOB_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/tiff']);
export const blobMime = (mime: string) => (BLOB_TYPES.has(mime.toLowerCase()) ? mime.toLowerCase() : 'application/octet-stream');
