// A page as printed: Chromium's own PDF (`page.pdf()`, A4), read back with pdf.js — its text,
// and its pages drawn to pixels in which the QR code is found and decoded (jsQR). What a
// reader holds on paper, not the print stylesheet's idea of it.
import type { Page } from '@playwright/test';
import jsQR from 'jsqr';

/**
 * One printed page: its text (in reading order, spaces and line ends removed), its size in pt,
 * and what its QR code says (on the last page; `null` elsewhere and where there is none).
 */
export type PrintedPage = { text: string; width: number; height: number; qr: string | null };

// pdf.js is an ES module and the tests are compiled to CommonJS, whose `import()` would become
// a `require()`: a real dynamic import, typed by hand.
type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
const pdfjs = new Function('return import("pdfjs-dist/legacy/build/pdf.mjs")') as () => Promise<PdfJs>;

/**
 * Prints the page as Chromium does to an A4 PDF and reads every printed page back; the QR code
 * is looked for on the last page only (the handout's foot), drawing a page costs seconds.
 */
export async function printA4(page: Page): Promise<PrintedPage[]> {
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const { getDocument } = await pdfjs();
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  const out: PrintedPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const p = await doc.getPage(n);
    const content = await p.getTextContent();
    const text = content.items.map((i) => ('str' in i ? i.str : '')).join('').replace(/\s+/g, '');
    const [, , width, height] = p.view;
    if (n < doc.numPages) {
      out.push({ text, width, height, qr: null });
      continue;
    }
    // 2 px a point: a 32 mm code of some 41 modules gets about 4.4 px a module.
    const viewport = p.getViewport({ scale: 2 });
    const canvas = doc.canvasFactory.create(viewport.width, viewport.height);
    await p.render({ canvasContext: canvas.context, viewport, canvas: canvas.canvas }).promise;
    const image = canvas.context.getImageData(0, 0, viewport.width, viewport.height);
    const qr = jsQR(new Uint8ClampedArray(image.data.buffer), image.width, image.height);
    out.push({ text, width, height, qr: qr?.data ?? null });
  }
  await doc.destroy();
  return out;
}
