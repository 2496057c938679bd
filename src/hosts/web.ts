// The web harness: the same renderer bundle, served on 127.0.0.1 with a one-time token, and the core over a WebSocket.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { extname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { PostkamerError } from '../contract/errors';
import { getDocumentBlobIds } from '../store/documents';
import { blobMime } from '../store/blobs';
import { appPath } from '../base/app-root';
import type { Core } from '../core/core';
import { PageImages, type PageImageSize } from '../core/page-images';
import { serveChannel } from './serve';

// It is how the UI is tested in Chromium where no Electron binary can be installed.
// Guards: loopback only; the URL token works once and is exchanged for a separate random session secret in an
// HttpOnly, SameSite=Strict cookie named after the port; idle sessions expire (their WebSockets are closed);
// Host and Origin checked (DNS rebinding, cross-site WebSocket); a CSP as strict as the app's. Malformed
// requests get a 4xx, and every socket and stream has its errors handled: nothing a client sends ends the process.

export const rendererDist = () => appPath('renderer', 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

/** A session ends after this long without a request or a WebSocket message from its browser. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** Longest request target accepted (the app's own URLs are far shorter). */
const MAX_TARGET = 2048;
/** WebSocket close code for "session expired" (application range). */
const CLOSE_SESSION_EXPIRED = 4401;

const TOKEN_USED =
  'Deze link is al gebruikt en werkt maar één keer. Start de webversie opnieuw (postkamer web) en open de nieuwe link die dan verschijnt.\n';
const NO_SESSION =
  'Geen geldige sessie: open de link met het toegangstoken, of, als die al gebruikt is of de sessie verlopen is, start de webversie opnieuw (postkamer web) en open de nieuwe link.\n';

export interface WebHarness {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export interface WebHarnessOptions {
  port?: number;
  distDir?: string;
  /** Idle time after which the session ends (default 12 h). */
  sessionIdleMs?: number;
  /** Where the harness logs a client's errors (never content or secrets); default stderr. */
  log?: (line: string) => void;
}

/** True when `file` is `root` itself or lies inside it (a proper path containment check, not a string prefix). */
export function insideDir(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** The path of an origin-form request target, decoded; null when it is malformed (→ 400). */
function parseTarget(raw: string | undefined): { pathname: string; decoded: string; params: URLSearchParams } | 'too-long' | null {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//')) return null;
  if (raw.length > MAX_TARGET) return 'too-long';
  let url: URL;
  let decoded: string;
  try {
    url = new URL(raw, 'http://127.0.0.1');
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return null;
  return { pathname: url.pathname, decoded, params: url.searchParams };
}

const hash = (secret: string) => createHash('sha256').update(secret).digest();

export async function startWebHarness(core: Core, opts: WebHarnessOptions): Promise<WebHarness> {
  const bundle = opts.distDir ?? rendererDist();
  if (!existsSync(join(bundle, 'index.html'))) throw new Error(`renderer bundle missing at ${bundle}: run "npm run build:renderer" first`);
  // Real path: what is served is checked against where the bundle really is (symlinks resolved on both sides).
  const dist = realpathSync(bundle);
  const idleMs = opts.sessionIdleMs ?? SESSION_IDLE_MS;
  const log = (what: string, e?: unknown) => {
    // The error's code or name only: a message may quote what the client sent.
    const err = e as { code?: unknown; name?: unknown } | undefined;
    const why = err ? ` (${String(err.code ?? err.name ?? 'error').slice(0, 60)})` : '';
    (opts.log ?? ((l: string) => process.stderr.write(`[postkamer web] ${l}\n`)))(`${what}${why}`);
  };
  const pageImages = new PageImages(core.store);
  const token = randomBytes(24).toString('base64url');
  let tokenUsed = false;
  // One token, so at most one session: the browser that opened the link.
  let session: { hash: Buffer; lastSeen: number; sockets: Set<WebSocket> } | null = null;
  let port = 0;
  const cookieName = () => `postkamer_session_${port}`;

  const sameSecret = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);
  const tokenOk = (t: string) => sameSecret(hash(t), hash(token));
  const hostOk = (req: IncomingMessage) => req.headers.host === `127.0.0.1:${port}` || req.headers.host === `localhost:${port}`;
  const endSession = () => {
    if (!session) return;
    for (const ws of session.sockets) ws.close(CLOSE_SESSION_EXPIRED, 'sessie verlopen');
    session = null;
  };
  const alive = () => {
    if (session && Date.now() - session.lastSeen > idleMs) endSession();
    return session;
  };
  /** The live session this request's cookie belongs to, touched; null otherwise. */
  const sessionOf = (req: IncomingMessage) => {
    const s = alive();
    if (!s) return null;
    const value = (req.headers.cookie ?? '')
      .split(';')
      .map((c) => c.trim())
      .find((c) => c.startsWith(`${cookieName()}=`))
      ?.slice(cookieName().length + 1);
    if (!value || !sameSecret(hash(value), s.hash)) return null;
    s.lastSeen = Date.now();
    return s;
  };
  const sweep = setInterval(alive, Math.max(20, Math.min(60_000, Math.floor(idleMs / 4))));
  sweep.unref();

  const security = (res: ServerResponse, framable = false) => {
    // Stored documents are shown in a frame of the app itself (the PDF viewer); nothing else may be framed.
    res.setHeader(
      'Content-Security-Policy',
      `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}; object-src 'none'; frame-src 'self'; frame-ancestors ${framable ? "'self'" : "'none'"}; base-uri 'none'; form-action 'none'`,
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
  };
  const text = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) =>
    void res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }).end(body);

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    security(res);
    if (!req.headers.host) return text(res, 400, 'ongeldig verzoek: geen Host\n');
    if (!hostOk(req)) return text(res, 421, 'misdirected\n');
    const target = parseTarget(req.url);
    if (target === 'too-long') return text(res, 414, 'ongeldig verzoek: adres te lang\n');
    if (!target) return text(res, 400, 'ongeldig verzoek: onleesbaar adres\n');
    if (req.method !== 'GET') return text(res, 405, 'methode niet toegestaan\n', { Allow: 'GET' });

    const queryToken = target.params.get('token');
    if (queryToken !== null) {
      if (tokenUsed) return text(res, 403, TOKEN_USED);
      if (!tokenOk(queryToken)) return text(res, 403, 'forbidden\n');
      tokenUsed = true;
      const secret = randomBytes(32).toString('base64url');
      session = { hash: hash(secret), lastSeen: Date.now(), sockets: new Set() };
      res.setHeader('Set-Cookie', `${cookieName()}=${secret}; HttpOnly; SameSite=Strict; Path=/`);
      return void res.writeHead(302, { Location: '/' }).end();
    }
    if (!sessionOf(req)) return text(res, 403, NO_SESSION);

    const blob = /^\/blob\/([0-9a-f-]{36})\/(original|pdf)$/.exec(target.pathname);
    if (blob) {
      security(res, true);
      return serveBlob(core, blob[1], blob[2] as 'original' | 'pdf', res);
    }
    const page = PAGE_ROUTE.exec(target.pathname);
    if (page) return void servePageImage(pageImages, page[1]!, page[2] as PageImageSize, res, log);
    // Anything else under /page/ is a malformed page address, not a route of the UI.
    if (target.pathname.startsWith('/page/')) return text(res, 404, 'niet gevonden\n');
    const rel = normalize(target.decoded).replace(/^([/\\])+/, '');
    let file = resolve(dist, rel || 'index.html');
    if (!insideDir(dist, file)) return text(res, 404, 'niet gevonden\n');
    if (existsSync(file)) {
      // Symlinks are followed only as far as the bundle goes.
      file = realpathSync(file);
      if (!insideDir(dist, file)) return text(res, 404, 'niet gevonden\n');
      if (statSync(file).isDirectory()) file = join(dist, 'index.html');
    } else file = join(dist, 'index.html');
    const body = readFileSync(file);
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': body.length });
    res.end(body);
  };

  const server = createServer((req, res) => {
    res.on('error', (e) => log('response stream error', e));
    req.on('error', (e) => log('request stream error', e));
    try {
      handle(req, res);
    } catch (e) {
      log('request failed', e);
      if (!res.headersSent) text(res, 500, 'interne fout\n');
      else res.destroy();
    }
  });
  server.on('clientError', (e: NodeJS.ErrnoException, socket: Duplex) => {
    log('malformed request', e);
    const status =
      e.code === 'HPE_HEADER_OVERFLOW'
        ? '431 Request Header Fields Too Large'
        : e.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? '408 Request Timeout'
          : '400 Bad Request';
    if (socket.writable && e.code !== 'ECONNRESET') socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    else socket.destroy();
  });
  server.on('error', (e) => log('server error', e));

  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  wss.on('error', (e) => log('websocket server error', e));
  wss.on('wsClientError', (e, socket) => {
    log('malformed websocket handshake', e);
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', (e) => log('upgrade socket error', e));
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    try {
      const origin = req.headers.origin;
      const originOk = origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
      const target = parseTarget(req.url);
      if (!target || target === 'too-long' || target.pathname !== '/ws') return refuse('400 Bad Request');
      const s = hostOk(req) && originOk ? sessionOf(req) : null;
      if (!s) return refuse('403 Forbidden');
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.on('error', (e) => log('websocket error, connection closed', e));
        if (session !== s) return void ws.close(CLOSE_SESSION_EXPIRED, 'sessie verlopen');
        s.sockets.add(ws);
        ws.on('close', () => s.sockets.delete(ws));
        serveChannel(
          core,
          {
            send: (m) => {
              if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
            },
            onMessage: (h) =>
              ws.on('message', (data, isBinary) => {
                if (alive() !== s) return void ws.close(CLOSE_SESSION_EXPIRED, 'sessie verlopen');
                s.lastSeen = Date.now();
                if (isBinary) return;
                let msg: unknown;
                try {
                  msg = JSON.parse(String(data));
                } catch {
                  return; // not JSON: dropped
                }
                h(msg);
              }),
            onClose: (h) => ws.on('close', h),
          },
          { origin: 'web' },
        );
      });
    } catch (e) {
      log('upgrade failed', e);
      refuse('500 Internal Server Error');
    }
  });

  await new Promise<void>((ok, ko) => {
    server.once('error', ko);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', ko);
      ok();
    });
  });
  port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise((ok) => {
        clearInterval(sweep);
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** `/page/<pageId>/<thumb|image>`: a page's image for display; the id a lowercase UUID, nothing else accepted. */
const PAGE_ROUTE = /^\/page\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/(thumb|image)$/;

async function servePageImage(
  images: PageImages,
  pageId: string,
  size: PageImageSize,
  res: ServerResponse,
  log: (w: string, e?: unknown) => void,
) {
  try {
    const img = await images.get(pageId, size);
    res.writeHead(200, { 'Content-Type': img.mime, 'Content-Length': img.data.length, 'Content-Disposition': 'inline' });
    res.end(img.data);
  } catch (e) {
    const code = e instanceof PostkamerError ? e.code : null;
    if (code !== 'not-found') log('page image failed', e);
    if (!res.headersSent) res.writeHead(code === 'not-found' ? 404 : code === 'too-many-requests' ? 503 : 500).end();
  }
}

function serveBlob(core: Core, documentId: string, kind: 'original' | 'pdf', res: ServerResponse): void {
  try {
    const ids = getDocumentBlobIds(core.store.db, documentId);
    const blobId = ids && (kind === 'pdf' ? ids.pdf : ids.source);
    if (!blobId) throw new PostkamerError('not-found');
    const data = core.store.vault.read(blobId);
    const mime = blobMime(core.store.db, blobId);
    if (mime === undefined) throw new Error(`blob ${blobId} has no row`);
    res.writeHead(200, { 'Content-Type': mime, 'Content-Length': data.length, 'Content-Disposition': 'inline' });
    res.end(data);
  } catch (e) {
    res.writeHead(e instanceof PostkamerError && e.code === 'not-found' ? 404 : 500).end();
  }
}
