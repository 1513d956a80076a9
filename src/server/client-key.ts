// The key an address-based limit counts a client by (login attempts, login back-off, rating
// links). An IPv6 client usually holds a whole /64 and can pick a fresh address for every request,
// so an IPv6 address counts by its /64 prefix; an IPv4-mapped IPv6 address (`::ffff:192.0.2.1`,
// what a dual-stack socket reports for an IPv4 client) counts as the IPv4 address it carries.
import { isIPv4, isIPv6 } from 'node:net';

/** The eight 16-bit groups of an IPv6 address (no zone), or null when it is not one. */
function groupsOf(address: string): number[] | null {
  if (!isIPv6(address)) return null;
  let text = address;
  const tail: number[] = [];
  // A dotted IPv4 tail stands for the last two groups.
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[2].split('.').map(Number);
    tail.push((a << 8) | b, (c << 8) | d);
    text = dotted[1].endsWith('::') ? dotted[1] : dotted[1].slice(0, -1);
  }
  const [head, rest] = text.includes('::') ? text.split('::') : [text, null];
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const left = parse(head);
  const right = [...(rest === null ? [] : parse(rest)), ...tail];
  const fill = rest === null ? [] : new Array<number>(8 - left.length - right.length).fill(0);
  const all = [...left, ...fill, ...right];
  return all.length === 8 ? all : null;
}

/**
 * `192.0.2.1` → itself; `::ffff:192.0.2.1` → `192.0.2.1`; `2001:DB8::1%eth0` → `2001:db8:0:0::/64`.
 * Anything else (a Unix socket, an unparsable value) is used as it is, lower-cased.
 */
export function clientKey(address: string): string {
  const bare = address.trim().replace(/%.*$/, '').toLowerCase();
  if (isIPv4(bare)) return bare;
  const g = groupsOf(bare);
  if (!g) return bare;
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) {
    return [g[6] >> 8, g[6] & 0xff, g[7] >> 8, g[7] & 0xff].join('.');
  }
  return `${g
    .slice(0, 4)
    .map((x) => x.toString(16))
    .join(':')}::/64`;
}
