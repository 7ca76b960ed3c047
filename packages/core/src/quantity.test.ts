// Quantities as apimachinery's ParseQuantity reads them: accepted and rejected forms, exact values (checked
// as exact decimals), rounding to nano, the binary cap, comparison and the fractional-value test.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  canonicalQuantity,
  compareQuantities,
  formatQuantityValue,
  hasFraction,
  isWholeQuantity,
  parseQuantity,
  quantityOfValue,
  type Quantity,
  type QuantityError,
} from './quantity.js';

function parsed(text: string): Quantity {
  const result = parseQuantity(text);
  assert.ok(result.ok, `"${text}" should parse`);
  return result.quantity;
}

/** The exact value as a decimal string: the tests state values the way a person writes them. */
function valueOf(text: string): string {
  return formatQuantityValue(parsed(text));
}

function errorOf(text: string): QuantityError | undefined {
  const result = parseQuantity(text);
  return result.ok ? undefined : result.error;
}

describe('parseQuantity: values', () => {
  const cases: Array<[string, string]> = [
    ['0', '0'],
    ['1', '1'],
    ['250m', '0.25'],
    ['100m', '0.1'],
    ['1500m', '1.5'],
    ['0.5', '0.5'],
    ['5n', '0.000000005'],
    ['7u', '0.000007'],
    ['2k', '2000'],
    ['3M', '3000000'],
    ['1G', '1000000000'],
    ['1T', '1000000000000'],
    ['1P', '1000000000000000'],
    ['1E', '1000000000000000000'],
    ['1Ki', '1024'],
    ['128Mi', '134217728'],
    ['2Gi', '2147483648'],
    ['1Ti', '1099511627776'],
    ['1Pi', '1125899906842624'],
    ['1Ei', '1152921504606846976'],
    ['1.5Gi', '1610612736'],
    ['0.5Mi', '524288'],
    ['1e3', '1000'],
    ['1E3', '1000'],
    ['1e+3', '1000'],
    ['1E-3', '0.001'],
    ['2.5e2', '250'],
    ['12.345k', '12345'],
    ['007', '7'],
    ['0.000', '0'],
    ['-1.5', '-1.5'],
    ['+2', '2'],
    // Forms the scanner accepts although nobody means them.
    ['1.', '1'],
    ['.5', '0.5'],
    ['1.G', '1000000000'],
    ['-', '0'],
    ['+', '0'],
    ['.', '0'],
    ['Ki', '0'],
    ['m', '0'],
    // A decimal value keeps every digit; only a binary one is capped.
    ['123456789012345678901234567890', '123456789012345678901234567890'],
    ['1000E', '1000000000000000000000'],
  ];
  for (const [input, expected] of cases) {
    it(`"${input}" is ${expected}`, () => assert.equal(valueOf(input), expected));
  }

  it('rounds a value finer than nano up, away from zero', () => {
    assert.equal(valueOf('0.1n'), '0.000000001');
    assert.equal(valueOf('1.5n'), '0.000000002');
    assert.equal(valueOf('0.0000000001'), '0.000000001');
    assert.equal(valueOf('-0.0000000001'), '-0.000000001');
    assert.equal(valueOf('0.000000000001Ki'), '0.000000002');
    assert.equal(valueOf('1e-20'), '0.000000001');
    assert.equal(valueOf('0.00000012301'), '0.000000124');
  });

  it('caps binary quantities at 2^63-1 and leaves decimal ones alone', () => {
    assert.equal(valueOf('8Ei'), '9223372036854775807');
    assert.equal(valueOf('-8Ei'), '-9223372036854775807');
    assert.equal(valueOf('9223372036854775807Ki'), '9223372036854775807');
    assert.equal(valueOf('7Ei'), (7n << 60n).toString());
    assert.equal(valueOf('10E'), '10000000000000000000');
  });

  it('remembers the suffix family, and calls a binary value below one decimal', () => {
    assert.equal(parsed('1Mi').format, 'BinarySI');
    assert.equal(parsed('1M').format, 'DecimalSI');
    assert.equal(parsed('5').format, 'DecimalSI');
    assert.equal(parsed('1e3').format, 'DecimalExponent');
    assert.equal(parsed('1E').format, 'DecimalSI');
    assert.equal(parsed('0.0001Ki').format, 'DecimalSI');
    assert.equal(parsed('0.5Ki').format, 'BinarySI');
  });

  it('wraps a decimal exponent that overflows int32, as the server does', () => {
    // 2^32 wraps to 0, so the exponent vanishes.
    assert.equal(valueOf('3e4294967296'), '3');
    assert.equal(valueOf('3e4294967299'), '3000');
  });
});

describe('parseQuantity: errors', () => {
  const cases: Array<[string, QuantityError]> = [
    ['', 'format'],
    ['512MB', 'format'],
    ['1.5.0', 'format'],
    ['100 Mi', 'format'],
    [' 1', 'format'],
    ['1 ', 'format'],
    ['1Gb', 'format'],
    ['1g', 'format'],
    ['1KB', 'format'],
    ['abc', 'format'],
    ['1,5', 'format'],
    ['1+1', 'suffix'],
    ['1Mi5', 'suffix'],
    ['1K', 'suffix'],
    ['1mi', 'suffix'],
    ['1ki', 'suffix'],
    ['1gi', 'format'],
    ['1i', 'suffix'],
    ['1e', 'suffix'],
    ['1e-', 'suffix'],
    ['1ee3', 'suffix'],
    ['1e99999999999999999999', 'suffix'],
    ['1Gi1', 'suffix'],
    // Digitless numbers fail only where the int64 fast path cannot take them.
    ['Ei', 'numeric'],
    ['Pi', 'numeric'],
    ['.Ei', 'numeric'],
    ['-Pi', 'numeric'],
    ['e-10', 'numeric'],
  ];
  for (const [input, expected] of cases) {
    it(`"${input}" fails with ${expected}`, () => assert.equal(errorOf(input), expected));
  }

  it('accepts the digitless forms the fast path takes', () => {
    assert.equal(errorOf('Ti'), undefined);
    assert.equal(errorOf('+.Ki'), undefined);
    assert.equal(errorOf('e-9'), undefined);
    assert.equal(errorOf('1.e-12'), undefined);
  });
});

describe('quantityOfValue (manifest values)', () => {
  it('trims strings like Quantity.UnmarshalJSON', () => {
    const result = quantityOfValue(' 64Mi\n');
    assert.ok(result?.ok);
    assert.equal(formatQuantityValue(result.quantity), '67108864');
  });

  it('reads JSON numbers from their text', () => {
    const half = quantityOfValue(0.5);
    assert.ok(half?.ok);
    assert.equal(formatQuantityValue(half.quantity), '0.5');
    const big = quantityOfValue(1e21);
    assert.ok(big?.ok);
    assert.equal(formatQuantityValue(big.quantity), '1000000000000000000000');
  });

  it('reads null as zero and leaves other types alone', () => {
    const zero = quantityOfValue(null);
    assert.ok(zero?.ok);
    assert.equal(formatQuantityValue(zero.quantity), '0');
    assert.equal(quantityOfValue(true), undefined);
    assert.equal(quantityOfValue({ amount: 1 }), undefined);
    assert.deepEqual(quantityOfValue(Number.POSITIVE_INFINITY), { ok: false, error: 'format' });
  });
});

describe('compareQuantities', () => {
  const compare = (a: string, b: string) => Math.sign(compareQuantities(parsed(a), parsed(b)));
  it('compares across suffix families exactly', () => {
    assert.equal(compare('1Gi', '1G'), 1);
    assert.equal(compare('1000M', '1G'), 0);
    assert.equal(compare('1024Mi', '1Gi'), 0);
    assert.equal(compare('500m', '0.5'), 0);
    assert.equal(compare('500m', '1'), -1);
    assert.equal(compare('2', '1500m'), 1);
    assert.equal(compare('1e3', '1k'), 0);
    assert.equal(compare('0.1', '100m'), 0);
    assert.equal(compare('1Ki', '1k'), 1);
  });

  it('tells apart values that a float would confuse', () => {
    assert.equal(compare('9007199254740993', '9007199254740992'), 1);
    assert.equal(compare('0.30000000000000001', '0.3'), 1, 'a finer digit rounds up to the next nano');
    assert.equal(compare('0.3000000000000000001', '0.300000001'), 0);
    assert.equal(compare('1.000000001', '1'), 1);
    assert.equal(compare('123456789012345678901234567891', '123456789012345678901234567890'), 1);
  });

  it('orders signs and zero', () => {
    assert.equal(compare('-1', '0'), -1);
    assert.equal(compare('0', '0Mi'), 0);
    assert.equal(compare('-2', '-1'), -1);
    assert.equal(compare('-1Gi', '-1G'), -1);
    assert.equal(compare('1e-20', '0'), 1, 'a tiny value is rounded up, never down to zero');
  });

  it('compares values of very different magnitude without expanding them', () => {
    assert.equal(compare('1e1000000', '999E'), 1);
    assert.equal(compare('1n', '1e1000000'), -1);
  });
});

describe('hasFraction (MilliValue() % 1000 != 0)', () => {
  const cases: Array<[string, boolean]> = [
    ['100m', true],
    ['1.5', true],
    ['1500m', true],
    ['1', false],
    ['1000m', false],
    ['128Mi', false],
    ['1.5Gi', false],
    ['0.5Ki', false],
    ['0.9995', false],
    ['1n', true],
    ['0', false],
    ['1e3', false],
  ];
  for (const [input, expected] of cases) {
    it(`"${input}": ${expected}`, () => assert.equal(hasFraction(parsed(input)), expected));
  }

  it('differs from being whole only where MilliValue rounds', () => {
    assert.equal(isWholeQuantity(parsed('0.9995')), false);
    assert.equal(isWholeQuantity(parsed('2')), true);
    assert.equal(isWholeQuantity(parsed('2000m')), true);
    assert.equal(isWholeQuantity(parsed('1Ki')), true);
  });
});

describe('canonicalQuantity (Quantity.String)', () => {
  const cases: Array<[string, string]> = [
    ['0', '0'],
    ['0Mi', '0'],
    ['1', '1'],
    ['1.5', '1500m'],
    ['0.5', '500m'],
    ['1000m', '1'],
    ['0.001', '1m'],
    ['500m', '500m'],
    ['1500', '1500'],
    ['2000', '2k'],
    ['1e3', '1e3'],
    ['1e4', '10e3'],
    ['1e0', '1'],
    ['1e-3', '1e-3'],
    ['1Ki', '1Ki'],
    ['1024Ki', '1Mi'],
    ['1.5Gi', '1536Mi'],
    ['1000Ki', '1000Ki'],
    ['1023', '1023'],
    ['0.5Ki', '512'],
    ['100.5Ki', '102912'],
    ['0.1Ki', '102400m'],
    ['1000E', '1e21'],
    ['-1.5Gi', '-1536Mi'],
    ['-250m', '-250m'],
    ['8Ei', '9223372036854775807'],
    ['-1200e-2', '-12'],
    ['100.500', '100500m'],
    ['0.000120', '120u'],
    ['12e7', '120e6'],
    ['12000000', '12M'],
  ];
  for (const [input, expected] of cases) {
    it(`"${input}" prints as ${expected}`, () => assert.equal(canonicalQuantity(parsed(input)), expected));
  }

  it('prints numbers that end in many zeros', () => {
    assert.equal(canonicalQuantity(parsed(`1${'0'.repeat(100_000)}`)), '10e99999');
    assert.equal(canonicalQuantity(parsed(`5${'0'.repeat(100_001)}`)), '500e99999');
    assert.equal(canonicalQuantity(parsed(`-25${'0'.repeat(99_998)}m`)), '-2500e99993');
  });
});
