#!/usr/bin/env node
// `npm run demo`: a complete local demo, offline.
//   1. starts the test zaaksysteem seeded "demo" (postkamer zgw-server --port 0 --seed demo),
//   2. makes a demo store and configures the connection to it (config zgw …, env "test"),
//   3. ingests a couple of generated letters (when test/support/letters.ts is there) and links those whose
//      zaaknummer was recognised,
//   4. starts the web harness on that store (its delivery loop sends the linked letters) and prints the URL.
// Ctrl+C stops everything. POSTKAMER_DEMO_DATA picks the store folder (default: a fresh one in the temp dir);
// POSTKAMER_PASSPHRASE its passphrase (default "postkamer-demo"); POSTKAMER_USER and POSTKAMER_PIN the demo
// administrator who makes the store and signs in (default "beheerder", PIN "246810").
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'postkamer.mjs');
const passphrase = process.env.POSTKAMER_PASSPHRASE || 'postkamer-demo';
const dataDir = process.env.POSTKAMER_DEMO_DATA || mkdtempSync(join(tmpdir(), 'postkamer-demo-'));
const user = process.env.POSTKAMER_USER || 'beheerder';
const pin = process.env.POSTKAMER_PIN || '246810';
const env = { ...process.env, POSTKAMER_PASSPHRASE: passphrase, POSTKAMER_USER: user, POSTKAMER_PIN: pin };
const children = [];

function start(args, onLine) {
  const child = spawn(process.execPath, [bin, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: child.stdout });
    rl.on('line', (line) => {
      const v = onLine(line);
      if (v !== undefined) resolve(v);
    });
    child.once('exit', (code) => reject(new Error(`postkamer ${args[0]} stopped (${code})`)));
  });
}

function run(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.once('exit', (code) => (code === 0 || code === 2 ? resolve(out) : reject(new Error(`postkamer ${args.join(' ')} → ${code}`))));
  });
}

function stopAll() {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
}
process.once('SIGINT', stopAll);
process.once('SIGTERM', stopAll);

/** A ZGW JWT for the one look-up this script does itself (the informatieobjecttype to configure). */
function jwt(clientId, secret) {
  const b = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = `${b({ typ: 'JWT', alg: 'HS256' })}.${b({ iss: clientId, iat: Math.floor(Date.now() / 1000), client_id: clientId, user_id: 'demo', user_representation: 'Demo' })}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

try {
  const info = await start(['zgw-server', '--port', '0', '--seed', 'demo'], (line) => {
    try {
      return JSON.parse(line);
    } catch {
      return undefined;
    }
  });
  process.stdout.write(`Test-zaaksysteem: ${info.zaken.replace('/zaken/api/v1', '')} (RSIN ${info.rsin})\n`);

  const list = await fetch(`${info.catalogi}/informatieobjecttypen?status=definitief`, {
    headers: { Authorization: `Bearer ${jwt(info.clientId, info.secret)}` },
  });
  const iot = (await list.json()).results.find((t) => t.omschrijving === 'Inkomende brief')?.url;

  env.POSTKAMER_ZGW_SECRET = info.secret; // not on the command line, where ps shows it
  if (!existsSync(join(dataDir, 'keys.json'))) await run(['init', '--naam', 'Demo Beheerder', '--data', dataDir]);
  await run([
    'config',
    'zgw',
    '--data',
    dataDir,
    '--env',
    'test',
    '--activate',
    '--zaken',
    info.zaken,
    '--documenten',
    info.documenten,
    '--catalogi',
    info.catalogi,
    '--client-id',
    info.clientId,
    '--rsin',
    info.rsin,
    ...(iot ? ['--informatieobjecttype', iot] : []),
  ]);
  // The demo zaaksysteem serves the Selectielijst too: put it on the allow-list, as an administrator would theirs.
  await run(['settings', 'set', 'selectielijstBases', `${new URL(info.catalogi).origin}/selectielijst/api/v1`, '--data', dataDir]);
  process.stdout.write(`Opslag: ${dataDir} (wachtwoord via POSTKAMER_PASSPHRASE, standaard "postkamer-demo")\n`);

  const letters = join(root, 'test', 'support', 'letters.ts');
  if (existsSync(letters)) {
    const { register } = await import('tsx/esm/api');
    register();
    const { makeLetterPdf } = await import(pathToFileURL(letters).href);
    const inbox = mkdtempSync(join(tmpdir(), 'postkamer-demo-letters-'));
    const zaaknummers = new Map();
    const files = [];
    for (const [i, zaaknummer] of ['ZAAK-2026-0000000002', 'ZAAK-2026-0000000007'].entries()) {
      const { pdf } = await makeLetterPdf({ seed: 100 + i, fields: { zaaknummer } });
      const name = `brief-${i + 1}.pdf`;
      writeFileSync(join(inbox, name), pdf);
      files.push(join(inbox, name));
      zaaknummers.set(name, zaaknummer);
    }
    process.stdout.write('Brieven inlezen en herkennen…\n');
    const ingested = JSON.parse(await run(['ingest', '--json', '--data', dataDir, ...files]));
    // The letters carry their zaaknummer; link each as the clerk would after checking it.
    for (const d of ingested.documents ?? []) {
      const nr = zaaknummers.get(d.fileName);
      if (!nr) continue;
      await run(['link', d.id, '--zaaknummer', nr, '--data', dataDir]);
      process.stdout.write(`  ${d.fileName}: gekoppeld aan ${nr}\n`);
    }
  }

  const url = await start(['web', '--data', dataDir], (line) => line.match(/https?:\/\/\S+/)?.[0]);
  process.stdout.write(`\nPostkamer (web): ${url}\nAanmelden als ${user} met pincode ${pin}. Stoppen met Ctrl+C.\n`);
} catch (e) {
  process.stderr.write(`demo: ${e.message}\n`);
  stopAll();
  process.exitCode = 1;
}
