// Which OCR engine and which language models this workstation recognises with, for a batch's dossier: versions read
// from the installed packages, each model named by its checksum (a replaced model is a changed setting).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { languageDir } from './tessdata';

const require = createRequire(import.meta.url);

let cached: { ocrEngine: string; ocrModel: string } | null = null;

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version?: string }).version ?? 'onbekend';
  } catch {
    return 'onbekend';
  }
}

/** The engine ("tesseract.js 7.0.0, tesseract.js-core 7.0.0") and the models ("nld 4.0.0_best_int sha256:…; …"). */
export function ocrEngineIdentity(langs = 'nld+eng'): { ocrEngine: string; ocrModel: string } {
  if (cached) return cached;
  const models = langs.split('+').map((lang) => {
    try {
      const file = path.join(languageDir(lang), `${lang}.traineddata.gz`);
      const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
      return `${lang} ${path.basename(path.dirname(file))} sha256:${sha.slice(0, 16)}`;
    } catch {
      return `${lang} (niet gevonden)`;
    }
  });
  cached = {
    ocrEngine: `tesseract.js ${packageVersion('tesseract.js')}, tesseract.js-core ${packageVersion('tesseract.js-core')}`,
    ocrModel: models.join('; '),
  };
  return cached;
}
