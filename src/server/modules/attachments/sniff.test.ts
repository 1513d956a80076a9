import { describe, expect, it } from 'vitest';
import { describeContent, extensionOf, safeFilename, sniff } from './sniff.ts';

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('sniff', () => {
  it('recognises the allowed types by their magic bytes', () => {
    expect(sniff(bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'))?.contentType).toBe('image/jpeg');
    expect(sniff(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'rest'))?.contentType).toBe('image/png');
    expect(sniff(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))?.contentType).toBe('image/webp');
    expect(sniff(bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0]))?.contentType).toBe('image/heic');
    expect(sniff(bytes('%PDF-1.7\n'))?.contentType).toBe('application/pdf');
  });

  it('refuses everything else, whatever the name', () => {
    expect(sniff(bytes('MZ', [0x90, 0]))).toBeNull();
    expect(sniff(bytes('<html><script>alert(1)</script>'))).toBeNull();
    expect(sniff(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniff(bytes([0, 0, 0, 0x18], 'ftypisom'))).toBeNull();
    expect(sniff(new Uint8Array())).toBeNull();
  });

  it('describes refused content and cleans names', () => {
    expect(describeContent(bytes('MZ', [0x90]))).toBe('Windows executable');
    expect(describeContent(bytes('  <!DOCTYPE html><p>'))).toBe('HTML');
    expect(extensionOf('foto.JPG')).toBe('jpg');
    expect(extensionOf('noext')).toBeNull();
    expect(safeFilename('../../etc/pa"ss\u0000wd.pdf')).toBe('passwd.pdf');
    expect(safeFilename('C:\\Users\\x\\scan.pdf')).toBe('scan.pdf');
    expect(safeFilename('')).toBe('file');
  });
});
