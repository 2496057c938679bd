import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';
import { PostkamerError } from '../contract/errors';
import { getDocumentBlobIds } from '../store/documents';
import type { Core } from './core';
import { serveChannel } from './serve';

// The web harness: the same renderer bundle, served on 127.0.0.1 with a one-time token, and the core over a
// WebSocket. It is how the UI is tested in Chromium where no Electron binary can be installed.
// Guards: loopback only; the token (exchanged once for an HttpOnly, SameSite=Strict cookie); Host and Origin
// checked (DNS rebinding, cross-site WebSocket); a CSP as strict as the app's.

export const rendererDist = () => resolve(fileURLToPath(new URL('../../renderer/dist', import.meta.url)));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.json': 'application/json', '.ico': 'image/x-icon',
};

export interface WebHarness { url: string; port: number; token: string; close(): Promise<void> }

export async function startWebHarness(core: Core, opts: { port?: number; actor: string; distDir?: string }): Promise<WebHarness> {
  const dist = opts.distDir ?? rendererDist();
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`renderer bundle missing at ${dist}: run "npm run build:renderer" first`);
  const token = randomBytes(24).toString('base64url');
  const cookieName = 'postkamer_session';
  let port = 0;

  const tokenOk = (t: string | undefined | null) => {
    if (!t) return false;
    const a = Buffer.from(t);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  const hostOk = (req: IncomingMessage) => req.headers.host === `127.0.0.1:${port}` || req.headers.host === `localhost:${port}`;
  const cookieToken = (req: IncomingMessage) =>
    (req.headers.cookie ?? '').split(';').map((c) => c.trim().split('=')).find(([k]) => k === cookieName)?.[1];
  const security = (res: ServerResponse, framable = false) => {
    // Stored documents are shown in a frame of the app itself (the PDF viewer); nothing else may be framed.
    res.setHeader('Content-Security-Policy', `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}; object-src 'none'; frame-src 'self'; frame-ancestors ${framable ? "'self'" : "'none'"}; base-uri 'none'; form-action 'none'`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
  };

  const server = createServer((req, res) => {
    security(res);
    if (!hostOk(req)) return void res.writeHead(421).end('misdirected');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const queryToken = url.searchParams.get('token');
    if (queryToken !== null) {
      if (!tokenOk(queryToken)) return void res.writeHead(403).end('forbidden');
      res.setHeader('Set-Cookie', `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`);
      return void res.writeHead(302, { Location: '/' }).end();
    }
    if (!tokenOk(cookieToken(req))) return void res.writeHead(403).end('forbidden: open the URL with its token');
    if (req.method !== 'GET') return void res.writeHead(405).end();
    const blob = /^\/blob\/([0-9a-f-]{36})\/(original|pdf)$/.exec(url.pathname);
    if (blob) {
      security(res, true);
      return serveBlob(core, blob[1], blob[2] as 'original' | 'pdf', res);
    }
    const rel = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
    let file = resolve(dist, rel || 'index.html');
    if (!file.startsWith(dist)) return void res.writeHead(404).end();
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(dist, 'index.html');
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const origin = req.headers.origin;
    const originOk = origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
    if (!hostOk(req) || !originOk || !tokenOk(cookieToken(req)) || new URL(req.url ?? '/', 'http://x').pathname !== '/ws') {
      socket.write('HTTP/1.1 403 Forbidden\r\n\r\n');
      return void socket.destroy();
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      serveChannel(core, {
        send: (m) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(m)),
        onMessage: (h) => ws.on('message', (data) => {
          try {
            h(JSON.parse(String(data)));
          } catch {
            /* not JSON: drop */
          }
        }),
        onClose: (h) => ws.on('close', h),
      }, { origin: 'web', actor: opts.actor });
    });
  });

  await new Promise<void>((ok, ko) => {
    server.once('error', ko);
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () => new Promise((ok) => {
      for (const c of wss.clients) c.terminate();
      wss.close();
      server.closeAllConnections();
      server.close(() => ok());
    }),
  };
}

function serveBlob(core: Core, documentId: string, kind: 'original' | 'pdf', res: ServerResponse): void {
  try {
    const ids = getDocumentBlobIds(core.store.db, documentId);
    const blobId = ids && (kind === 'pdf' ? ids.pdf : ids.source);
    if (!blobId) throw new PostkamerError('not-found');
    const data = core.store.vault.read(blobId);
    const mime = (core.store.db.prepare('SELECT mime FROM blobs WHERE id = ?').get(blobId) as { mime: string }).mime;
    res.writeHead(200, { 'Content-Type': mime, 'Content-Length': data.length, 'Content-Disposition': 'inline' });
    res.end(data);
  } catch (e) {
    res.writeHead(e instanceof PostkamerError && e.code === 'not-found' ? 404 : 500).end();
  }
}
