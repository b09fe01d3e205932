import { BlockList, isIP } from 'node:net';

/**
 * Which IP addresses an outbound request may reach when private networks are not allowed
 * (SSRF guard). Checked on resolved addresses, never on host names.
 */

const v4 = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) v4.addSubnet(net, bits, 'ipv4');

const v6 = new BlockList();
for (const [net, bits] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) v6.addSubnet(net, bits, 'ipv6');

/** The eight 16-bit groups of an IPv6 address (with an embedded dotted quad, if any, folded in). */
const groups = (ip: string): number[] | undefined => {
  let s = ip.toLowerCase().split('%')[0] ?? '';
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    s = `${s.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = s.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const fill = tail === undefined ? 0 : 8 - h.length - t.length;
  const all = [...h, ...Array<string>(Math.max(fill, 0)).fill('0'), ...t].map((g) => parseInt(g, 16));
  return all.length === 8 && all.every((n) => Number.isInteger(n) && n >= 0 && n <= 0xffff) ? all : undefined;
};

const quadOf = (hi: number, lo: number): string => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;

/** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), if any. */
export const embeddedIPv4 = (ip: string): string | undefined => {
  const g = groups(ip);
  if (!g) return undefined;
  const [a, b, c, d, e, f, hi, lo] = g as [number, number, number, number, number, number, number, number];
  const zeros5 = a === 0 && b === 0 && c === 0 && d === 0 && e === 0;
  if (zeros5 && (f === 0xffff || f === 0) && (hi !== 0 || lo > 1)) return quadOf(hi, lo); // ::ffff:a.b.c.d, ::a.b.c.d
  if (a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0) return quadOf(hi, lo); // NAT64
  if (a === 0x2002) return quadOf(b, c); // 6to4
  return undefined;
};

/** True when `ip` is a public unicast address: the only kind reachable without allowPrivateNetworks. */
export const isPublicAddress = (ip: string): boolean => {
  const family = isIP(ip);
  if (family === 4) return !v4.check(ip, 'ipv4');
  if (family === 6) {
    const inner = embeddedIPv4(ip);
    if (inner !== undefined) return isPublicAddress(inner);
    return !v6.check(ip.split('%')[0] ?? ip, 'ipv6');
  }
  return false;
};
