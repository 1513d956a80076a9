// Reading back the PDFs Presidio writes (pdfkit): how many pages, and the text on them, so a test
// can check what a reader sees. Not a general PDF parser: it knows pdfkit's output — plain object
// dictionaries, Flate-compressed streams, text shown with Tj/TJ in hex, embedded fonts with a
// ToUnicode map and the standard fonts in WinAnsi.
import zlib from 'node:zlib';

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function objectsOf(pdf: Buffer): Map<string, PdfObject> {
  // Latin-1 maps each byte to one character, so string offsets are byte offsets.
  const text = pdf.toString('latin1');
  const out = new Map<string, PdfObject>();
  const head = /(\d+) 0 obj\b/g;
  for (let m = head.exec(text); m; m = head.exec(text)) {
    const from = m.index + m[0].length;
    const stop = text.indexOf('endobj', from);
    const streamAt = text.slice(from, stop).search(/\bstream\r?\n/);
    if (streamAt < 0) {
      out.set(m[1], { dict: text.slice(from, stop), stream: null });
      continue;
    }
    // A stream's bytes may hold anything, "endobj" included: take exactly /Length of them.
    const dict = text.slice(from, from + streamAt);
    const length = Number(/\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict)?.[1]);
    const dataAt = text.indexOf('\n', from + streamAt) + 1;
    let raw = pdf.subarray(dataAt, dataAt + length);
    if (/\/FlateDecode/.test(dict)) raw = zlib.inflateSync(raw);
    out.set(m[1], { dict, stream: raw });
    head.lastIndex = text.indexOf('endobj', dataAt + length);
  }
  return out;
}

/** The number of pages (page objects, not the page tree). */
export function pdfPageCount(pdf: Buffer): number {
  return [...objectsOf(pdf).values()].filter((o) => /\/Type\s*\/Page(?![a-zA-Z])/.test(o.dict)).length;
}

type Decoder = (hex: string) => string;

/** A ToUnicode CMap (bfrange with arrays or a start, bfchar) as a decoder of 2-byte codes. */
function cmapDecoder(cmap: string): Decoder {
  const map = new Map<number, string>();
  const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const from = parseInt(m[1], 16);
      const to = parseInt(m[2], 16);
      if (m[3].startsWith('['))
        [...m[3].matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach((d, i) => map.set(from + i, utf16(d[1].replace(/\s/g, ''))));
      else for (let c = from; c <= to; c++) map.set(c, String.fromCharCode(parseInt(m[3].slice(1, -1), 16) + c - from));
    }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(m[1], 16), utf16(m[2]));
  return (hex) => (hex.match(/.{4}/g) ?? []).map((h) => map.get(parseInt(h, 16)) ?? '').join('');
}

/** A standard font's WinAnsi bytes (Latin-1 is close enough for the letters a test looks for). */
const winAnsi: Decoder = (hex) => Buffer.from(hex, 'hex').toString('latin1');

/** The text of every page, one line per text object, in the order it was drawn. */
export function pdfText(pdf: Buffer): string {
  const objects = objectsOf(pdf);
  const fonts = new Map<string, Decoder>();
  for (const o of objects.values())
    for (const m of o.dict.matchAll(/\/(F\d+)\s+(\d+) 0 R/g)) {
      const font = objects.get(m[2]);
      const toUnicode = font?.dict.match(/\/ToUnicode\s+(\d+) 0 R/);
      const cmap = toUnicode ? objects.get(toUnicode[1])?.stream : null;
      fonts.set(m[1], cmap ? cmapDecoder(cmap.toString('latin1')) : winAnsi);
    }
  const lines: string[] = [];
  for (const o of objects.values()) {
    if (!o.stream || !/\bBT\b/.test(o.stream.toString('latin1'))) continue;
    let decode: Decoder = winAnsi;
    for (const block of o.stream.toString('latin1').matchAll(/BT([\s\S]*?)ET/g)) {
      let line = '';
      for (const op of block[1].matchAll(/\/(F\d+)\s+[\d.]+\s+Tf|\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
        if (op[1]) decode = fonts.get(op[1]) ?? winAnsi;
        else if (op[2] !== undefined) line += [...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => decode(h[1])).join('');
        else line += decode(op[3]);
      }
      if (line) lines.push(line);
    }
  }
  return lines.join('\n');
}
