import { describe, expect, it } from 'vitest';
import { redactRequestUrl } from './log.ts';

describe('redactRequestUrl', () => {
  it('replaces the credential segment of rating links, page and API', () => {
    expect(redactRequestUrl('/rate/abcDEF_-123')).toBe('/rate/[redacted]');
    expect(redactRequestUrl('/api/ratings/abcDEF_-123')).toBe('/api/ratings/[redacted]');
    expect(redactRequestUrl('/api/ratings/abc/extra?x=1')).toBe('/api/ratings/[redacted]/extra?x=1');
    expect(redactRequestUrl('/rate/')).toBe('/rate/');
  });

  it('replaces secret-looking query values and keeps the rest', () => {
    expect(redactRequestUrl('/api/tickets?q=caldo&token=abc&limit=5')).toBe('/api/tickets?q=caldo&token=[redacted]&limit=5');
    expect(redactRequestUrl('/x?Access_Token=a&api%5Fkey=b&password=c&code=d')).toBe(
      '/x?Access_Token=[redacted]&api%5Fkey=[redacted]&password=[redacted]&code=[redacted]',
    );
    expect(redactRequestUrl('/x?tokenish=a&flag')).toBe('/x?tokenish=a&flag');
  });

  it('leaves ordinary URLs alone', () => {
    for (const u of ['/api/tickets/123', '/healthz', '/rates', '/api/ratings', '/']) expect(redactRequestUrl(u)).toBe(u);
  });
});
