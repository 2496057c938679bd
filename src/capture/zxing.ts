// zxing-wasm, loaded from node_modules. Left alone it fetches its .wasm from a CDN (notes/performance.md);
// we hand it the bytes ourselves and point locateFile at the local file, so nothing is ever fetched.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes, writeBarcode } from 'zxing-wasm/full';

const require = createRequire(import.meta.url);

let ready: Promise<void> | null = null;

export function zxingWasmPath(): string {
  return require.resolve('zxing-wasm/full/zxing_full.wasm');
}

/** Instantiates the module once per process. */
export function loadZxing(): Promise<void> {
  ready ??= (async () => {
    const path = zxingWasmPath();
    const bytes = await readFile(path);
    const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    await prepareZXingModule({ overrides: { wasmBinary, locateFile: () => path }, fireImmediately: true });
  })().catch((e) => {
    ready = null;
    throw e;
  });
  return ready;
}

/** A QR code as a module grid: `dark[y * size + x]`, without quiet zone. */
export async function qrModules(text: string): Promise<{ size: number; dark: Uint8Array }> {
  await loadZxing();
  const r = await writeBarcode(text, { format: 'QRCode', ecLevel: 'M', scale: 1, withQuietZones: false });
  if (r.error) throw new Error(`QR: ${r.error}`);
  const { width, height, data } = r.symbol;
  // The symbol is a one-channel image, 0 = dark, with a 4-module quiet zone whatever the option says; trim
  // to the bounding box of the dark modules (the finder patterns touch all four sides of the code).
  let x0 = width,
    y0 = height,
    x1 = -1,
    y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (data[y * width + x]! < 128) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  const size = x1 - x0 + 1;
  if (size <= 0 || y1 - y0 + 1 !== size) throw new Error('QR: unexpected symbol shape');
  const dark = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) dark[y * size + x] = data[(y + y0) * width + x + x0]! < 128 ? 1 : 0;
  return { size, dark };
}

/** QR codes' texts found in a gray image (one byte per pixel). */
export async function readQrTexts(gray: Uint8Array, width: number, height: number): Promise<string[]> {
  await loadZxing();
  // readBarcodes takes ImageData-shaped input (RGBA); Node has no ImageData, a plain object with the same
  // fields is what the library checks for.
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, j = 0; i < gray.length; i++, j += 4) {
    const v = gray[i]!;
    rgba[j] = v;
    rgba[j + 1] = v;
    rgba[j + 2] = v;
    rgba[j + 3] = 255;
  }
  const results = await readBarcodes({ data: rgba, width, height, colorSpace: 'srgb' } as unknown as Parameters<typeof readBarcodes>[0], {
    formats: ['QRCode'],
    tryHarder: true,
    tryRotate: true,
    tryInvert: false,
    maxNumberOfSymbols: 4,
  });
  return results.filter((r) => r.isValid).map((r) => r.text);
}
