// What a file is, by its first bytes (never by its name or the client's Content-Type).
// Allowed: JPEG, PNG, WebP, HEIC/HEIF, PDF. Pure.

export interface Sniffed {
  contentType: string;
  /** File-name extensions that honestly describe this content. */
  extensions: readonly string[];
}

const TYPES = {
  jpeg: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'] },
  png: { contentType: 'image/png', extensions: ['png'] },
  webp: { contentType: 'image/webp', extensions: ['webp'] },
  heic: { contentType: 'image/heic', extensions: ['heic', 'heif', 'hif'] },
  pdf: { contentType: 'application/pdf', extensions: ['pdf'] },
} satisfies Record<string, Sniffed>;

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

/** The allowed type of `data`, or null when it is none of them. */
export function sniff(data: Uint8Array): Sniffed | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return TYPES.jpeg;
  if (data.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => data[i] === v)) return TYPES.png;
  if (data.length >= 12 && ascii(data, 0, 4) === 'RIFF' && ascii(data, 8, 12) === 'WEBP') return TYPES.webp;
  if (data.length >= 12 && ascii(data, 4, 8) === 'ftyp' && HEIF_BRANDS.has(ascii(data, 8, 12))) return TYPES.heic;
  if (data.length >= 5 && ascii(data, 0, 5) === '%PDF-') return TYPES.pdf;
  return null;
}

/** A rough name for refused content, for the error message. */
export function describeContent(data: Uint8Array): string {
  if (data.length >= 2 && data[0] === 0x4d && data[1] === 0x5a) return 'Windows executable';
  if (data.length >= 4 && data[0] === 0x7f && ascii(data, 1, 4) === 'ELF') return 'ELF executable';
  if (data.length >= 4 && ascii(data, 0, 4) === 'PK\u0003\u0004') return 'ZIP archive';
  const head = ascii(data, 0, Math.min(data.length, 512)).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || head.includes('<script')) return 'HTML';
  if (head.startsWith('<?xml') || head.startsWith('<svg')) return 'XML/SVG';
  return 'unknown';
}

export function extensionOf(filename: string): string | null {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(filename);
  return m ? m[1].toLowerCase() : null;
}

/** A name safe to store and to put in Content-Disposition: no path, no control characters. */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim()
    .slice(-200);
  return cleaned || 'file';
}
