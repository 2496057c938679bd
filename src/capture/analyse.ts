// Per-page facts the splitting rules need: is it blank, is it a separator sheet. A separator is looked for
// first: a separator sheet is never "blank", and its verdict decides what happens to the page.
import { isBlank } from '../recognise/imageops-measure';
import { detectSeparator, type PageImage } from './separator';
import type { CapturedPage } from './split';

/** `knownBlank`: the verdict of an earlier measurement of the same pixels (the recognition pipeline's), reused. */
export async function analysePage(index: number, page: PageImage, knownBlank?: boolean): Promise<CapturedPage> {
  const separator = await detectSeparator(page);
  if (separator) return { index, blank: false, separator };
  if (knownBlank !== undefined) return { index, blank: knownBlank, separator: null };
  // Pass the resolution along: a PNG without pHYs would otherwise be taken for 300 ppi and the mark sizes
  // the blank rule counts in millimetres would be off.
  const blank = await isBlank({ index, image: page.png, width: page.width, height: page.height, dpi: page.dpi, colour: 'gray' });
  return { index, blank, separator: null };
}

/** Analyses pages one after the other (the machine is shared; each page is already cheap). */
export async function analysePages(pages: PageImage[]): Promise<CapturedPage[]> {
  const out: CapturedPage[] = [];
  for (const [i, p] of pages.entries()) out.push(await analysePage(i, p));
  return out;
}
