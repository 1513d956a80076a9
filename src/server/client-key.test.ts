import { describe, expect, it } from 'vitest';
import { clientKey } from './client-key.ts';

describe('clientKey: what an address-based limit counts a client by (#7)', () => {
  it('keeps an IPv4 address as it is', () => {
    expect(clientKey('203.0.113.50')).toBe('203.0.113.50');
    expect(clientKey(' 127.0.0.1 ')).toBe('127.0.0.1');
  });

  it('counts an IPv6 address by its /64, whatever its spelling', () => {
    const key = '2001:db8:aa:bb::/64';
    for (const a of [
      '2001:db8:aa:bb::1',
      '2001:0DB8:00AA:00BB:0000:0000:0000:0001',
      '2001:db8:aa:bb:1234:5678:9abc:def0',
      '2001:DB8:AA:BB:FFFF::',
      '2001:db8:aa:bb::1%eth0',
      '2001:db8:aa:bb:0:0:0:7%25',
      '2001:db8:aa:bb::192.0.2.1',
    ])
      expect(clientKey(a), a).toBe(key);
    expect(clientKey('2001:db8:aa:bc::1')).toBe('2001:db8:aa:bc::/64');
  });

  it('expands every place of the double colon', () => {
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('::')).toBe('0:0:0:0::/64');
    expect(clientKey('2001::')).toBe('2001:0:0:0::/64');
    expect(clientKey('2001:db8::aa:bb:cc:dd')).toBe('2001:db8:0:0::/64');
    expect(clientKey('2001:db8:1:2:3::')).toBe('2001:db8:1:2::/64');
    expect(clientKey('fe80::a:b%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('reads an IPv4-mapped IPv6 address as the IPv4 address', () => {
    expect(clientKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(clientKey('::FFFF:192.0.2.1')).toBe('192.0.2.1');
    expect(clientKey('::ffff:c000:201')).toBe('192.0.2.1');
    expect(clientKey('0:0:0:0:0:ffff:192.0.2.1')).toBe('192.0.2.1');
    // Not mapped: an IPv4-compatible or translated address is an IPv6 one.
    expect(clientKey('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
  });

  it('leaves what is not an address alone', () => {
    expect(clientKey('')).toBe('');
    expect(clientKey('unix:/run/presidio.sock')).toBe('unix:/run/presidio.sock');
    expect(clientKey('2001:db8::1::2')).toBe('2001:db8::1::2');
  });
});
