// IPv4 literals in text: what counts as an address, and what only looks like one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findIpv4Literals, inCidr, isNetworkOrBroadcast, parseCidr, toNumber } from './ipv4.js';

const found = (text: string) => findIpv4Literals(text).map((literal) => `${literal.text}@${literal.index}`);

describe('IPv4 literals', () => {
  it('finds addresses in URLs, flags, host:port and prose', () => {
    assert.deepEqual(found('http://10.244.1.5:8080/path'), ['10.244.1.5@7']);
    assert.deepEqual(found('--peer=10.244.0.7 --peer=10.244.0.8'), ['10.244.0.7@7', '10.244.0.8@25']);
    assert.deepEqual(found('server 10.42.3.4:6379;'), ['10.42.3.4@7']);
    assert.deepEqual(found('the pod is at 10.244.2.9.'), ['10.244.2.9@14']);
    assert.deepEqual(found('"10.244.2.9"'), ['10.244.2.9@1']);
  });
  it('skips CIDR ranges, longer dotted numbers, versions and bad octets', () => {
    assert.deepEqual(found('--cluster-cidr=10.244.0.0/16'), []);
    assert.deepEqual(found('1.10.244.0.5'), []);
    assert.deepEqual(found('10.244.0.5.1'), []);
    assert.deepEqual(found('v10.244.1.2'), []);
    assert.deepEqual(found('image:10.244.1.2b'), []);
    assert.deepEqual(found('300.1.1.1 10.244.01.2'), []);
  });
});

describe('CIDRs', () => {
  it('parses and matches', () => {
    const cidr = parseCidr('10.244.0.0/16')!;
    assert.ok(inCidr(toNumber([10, 244, 255, 1]), cidr));
    assert.ok(!inCidr(toNumber([10, 245, 0, 1]), cidr));
    assert.ok(inCidr(toNumber([1, 2, 3, 4]), parseCidr('0.0.0.0/0')!));
    assert.ok(inCidr(toNumber([10, 42, 7, 7]), parseCidr('10.42.7.7/32')!));
    assert.equal(parseCidr('10.244.0.0'), undefined);
    assert.equal(parseCidr('10.244.0.0/33'), undefined);
    assert.equal(parseCidr('10.256.0.0/16'), undefined);
  });
  it('knows network and broadcast addresses', () => {
    assert.ok(isNetworkOrBroadcast(toNumber([10, 244, 1, 0])));
    assert.ok(isNetworkOrBroadcast(toNumber([10, 244, 1, 255])));
    assert.ok(!isNetworkOrBroadcast(toNumber([10, 244, 1, 7])));
  });
});
