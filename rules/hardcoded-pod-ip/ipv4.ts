// IPv4 literals in free text (a URL, a flag, a config file), told apart from what only looks like one: a
// CIDR range (`10.244.0.0/16`), a longer dotted number (`1.10.244.0.5`), a version (`v10.244.1.2`).

export interface Ipv4Literal {
  text: string;
  /** Offset in the searched text. */
  index: number;
  value: number;
}

export interface Cidr {
  text: string;
  network: number;
  mask: number;
}

const LITERAL = /(?<![\w.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\w]|\.\d|\/\d)/g;

export function findIpv4Literals(text: string): Ipv4Literal[] {
  const found: Ipv4Literal[] = [];
  for (const match of text.matchAll(LITERAL)) {
    const octets = match.slice(1, 5).map(Number);
    if (octets.some((octet) => octet > 255) || match.slice(1, 5).some((octet) => octet.length > 1 && octet.startsWith('0'))) continue;
    found.push({ text: match[0], index: match.index, value: toNumber(octets) });
  }
  return found;
}

export function parseCidr(text: string): Cidr | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text.trim());
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const bits = Number(match[5]);
  if (octets.some((octet) => octet > 255) || bits > 32) return undefined;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { text: text.trim(), network: (toNumber(octets) & mask) >>> 0, mask };
}

export function inCidr(value: number, cidr: Cidr): boolean {
  return ((value & cidr.mask) >>> 0) === cidr.network;
}

/** The network and broadcast addresses of a /24 and wider: `10.244.1.0`, `10.244.1.255` name no pod. */
export function isNetworkOrBroadcast(value: number): boolean {
  const last = value & 0xff;
  return last === 0 || last === 255;
}

export function toNumber(octets: readonly number[]): number {
  return octets.reduce((sum, octet) => sum * 256 + octet, 0);
}
