// Validates MDTO XML against the project's copy of the Nationaal Archief's XSD with xmllint (libxml2-utils).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const XSD = resolve(import.meta.dirname, '../../../assets/mdto/MDTO-XML1.0.1.xsd');

/** xmllint's verdict on files: '' when every one validates, else its messages. */
export function xsdProblems(files: string[]): string {
  try {
    execFileSync('xmllint', ['--noout', '--nonet', '--schema', XSD, ...files], { stdio: ['ignore', 'pipe', 'pipe'] });
    return '';
  } catch (e) {
    const err = e as { stderr?: Buffer; stdout?: Buffer };
    return `${err.stderr?.toString() ?? ''}${err.stdout?.toString() ?? ''}`.trim() || String(e);
  }
}

/** The same for XML held in memory. */
export function xsdProblemsOf(xml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'mdto-xsd-'));
  try {
    const f = join(dir, 'doc.mdto.xml');
    writeFileSync(f, xml);
    return xsdProblems([f]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
