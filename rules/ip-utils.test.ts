import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ipVersion } from './ip-utils.js';

describe('ipVersion', () => {
  it('reads IP addresses as Go does', () => {
    const cases: Record<string, 0 | 4 | 6> = {
      '1.2.3.4': 4, '255.255.255.255': 4, '256.1.1.1': 0, '1.2.3': 0, '01.2.3.4': 0, '1.2.3.4.5': 0, '': 0,
      '::': 6, '::1': 6, '1::': 6, '1:2:3:4:5:6:7:8': 6, '1:2:3:4:5:6:7:8:9': 0, '1::2::3': 0, '::ffff:1.2.3.4': 6,
      '::1.2.3.4': 6, '1:2:3:4:5:6:7::': 6, '12345::': 0, 'g::1': 0, ':1': 0, '1:': 0, '1:2:3:4:5:6:1.2.3.4': 6,
      '1:2:3:4:5:6:7:1.2.3.4': 0, '1.2.3.4::': 0, 'fe80::1%eth0': 0, '2001:DB8::1': 6, '::ffff:256.1.1.1': 0,
    };
    for (const [text, version] of Object.entries(cases)) assert.equal(ipVersion(text), version, text);
  });
});
