// IP address text as Go's net.ParseIP reads it (what the API server validates with): IPv4 dotted quads and
// RFC 4291 IPv6, with an optional IPv4 tail, and no zone ("%eth0"). Written here rather than taken from node:net,
// which the command would otherwise load at start-up for one rule.

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

export function isIpv4(text: string): boolean {
  return IPV4.test(text);
}

export function isIpv6(text: string): boolean {
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groupsOf = (part: string): string[] | undefined => (part === '' ? [] : part.split(':'));
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (!head || !tail) return false;
  const all = [...head, ...tail];
  // An IPv4 tail stands for two groups, and only at the very end.
  let count = all.length;
  const last = all[all.length - 1];
  const endsWithGroup = text.slice(text.lastIndexOf(':') + 1) !== '';
  if (last !== undefined && last.includes('.') && endsWithGroup) {
    if (!isIpv4(last)) return false;
    all.pop();
    count += 1;
  }
  if (!all.every((group) => HEX_GROUP.test(group))) return false;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** 4 or 6 for an IP address, 0 for anything else (the shape of node:net's isIP). */
export function ipVersion(text: string): 0 | 4 | 6 {
  if (isIpv4(text)) return 4;
  return isIpv6(text) ? 6 : 0;
}
