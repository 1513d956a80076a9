// The base of every printable document (pdfkit, A4): the house colours, Titillium Web (the Italian
// public administration's typeface) where it has every letter of a text, else Helvetica, and the
// bytes once the document ends.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type PDFKitDocument from 'pdfkit';

export const PRIMARY = '#0066CC';
export const GREY = '#5C6F82';

const require = createRequire(import.meta.url);
function fontFile(weight: number): string | null {
  try {
    const f = require.resolve(`@fontsource/titillium-web/files/titillium-web-latin-${weight}-normal.woff`);
    return fs.existsSync(f) ? f : null;
  } catch {
    return null;
  }
}
const FONTS = { regular: fontFile(400), bold: fontFile(700) };
// pdfkit (with fontkit and its fonts' decoders, ~0.1 s) loads with the first document, not at
// every start (#12 item 3); require keeps createPdf synchronous for its callers.
let PDFDocument: typeof PDFKitDocument | null = null;

export type Doc = PDFKit.PDFDocument;

export interface PdfBase {
  doc: Doc;
  /** Selects the face for this text: Titillium when it has every letter, else Helvetica. */
  face: (text: string, bold?: boolean) => Doc;
  left: number;
  width: () => number;
  /** Ends the document and resolves with its bytes. */
  end: () => Promise<Buffer>;
}

export function createPdf(
  info: { title: string; subject: string; lang: 'it' | 'en' },
  layout: 'portrait' | 'landscape' = 'portrait',
): PdfBase {
  PDFDocument ??= require('pdfkit') as typeof PDFKitDocument;
  const doc: Doc = new PDFDocument({
    size: 'A4',
    layout,
    margins: { top: 50, bottom: 60, left: 50, right: 50 },
    bufferPages: true,
    info: { Title: info.title, Author: 'Presidio', Subject: info.subject },
    lang: info.lang === 'it' ? 'it-IT' : 'en-GB',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  if (FONTS.regular) doc.registerFont('body', FONTS.regular);
  if (FONTS.bold) doc.registerFont('bold', FONTS.bold);
  const covered = (text: string, name: 'body' | 'bold') => {
    const f = (doc.font(name) as unknown as { _font?: { font?: { hasGlyphForCodePoint?: (cp: number) => boolean } } })._font?.font;
    if (!f?.hasGlyphForCodePoint) return true;
    for (const ch of text) if (!f.hasGlyphForCodePoint(ch.codePointAt(0)!)) return false;
    return true;
  };
  const face = (text: string, bold = false) => {
    const name = bold ? 'bold' : 'body';
    if ((bold ? FONTS.bold : FONTS.regular) && covered(text, name)) return doc.font(name);
    return doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
  };
  const left = doc.page.margins.left;
  const width = () => doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const end = () => {
    doc.end();
    return bytes;
  };
  return { doc, face, left, width, end };
}
