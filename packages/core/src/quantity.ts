// Kubernetes resource quantities ("500m", "128Mi", "1e3") read exactly as k8s.io/apimachinery's
// resource.ParseQuantity reads them: the same accepted forms, the same three errors, the same value (rounded up
// to nano, binary suffixes capped at 2^63-1). Values are exact decimals (a BigInt and a power of ten), never
// floats, so comparisons agree with the API server's Quantity.Cmp.

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** A parsed quantity: its value is `unscaled × 10^-scale`, exactly. */
export interface Quantity {
  readonly unscaled: bigint;
  readonly scale: number;
  /** The suffix family it was written in (what the server keeps when it prints it back). */
  readonly format: QuantityFormat;
}

/** ErrFormatWrong, ErrNumeric and ErrSuffix of apimachinery. */
export type QuantityError = 'format' | 'numeric' | 'suffix';

export type QuantityParse = { ok: true; quantity: Quantity } | { ok: false; error: QuantityError };

/** The server's own texts for the three errors (kubectl prints them when decoding fails). */
export const QUANTITY_ERROR_TEXTS: Readonly<Record<QuantityError, string>> = {
  format: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
  numeric: 'unable to parse numeric part of quantity',
  suffix: "unable to parse quantity's suffix",
};

const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const SUFFIX_CHARACTERS = 'eEinumkKMGTP';
/** Digits an int64 always holds (apimachinery's maxInt64Factors). */
const INT64_DIGITS = 18;
/** Parsing keeps nothing finer than nano (10^-9). */
const NANO_SCALE = 9;
const MAX_INT64 = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

interface ScannedQuantity {
  negative: boolean;
  /** The number as written, sign included (what the slow path hands to inf.Dec). */
  value: string;
  /** Integer digits without leading zeros ("0" when there are none). */
  integer: string;
  /** Fraction digits as written. */
  fraction: string;
  suffix: string;
}

const isDigit = (char: string | undefined): boolean => char !== undefined && char >= '0' && char <= '9';

/**
 * The apimachinery scanner: a sign, digits, an optional `.` and digits, then suffix letters, an optional sign
 * and digits. Like the original it accepts odd forms ("1.", ".5", "-", "Ki") and leaves them to later stages.
 */
function scanQuantity(text: string): ScannedQuantity | undefined {
  let position = 0;
  let negative = false;
  if (text[0] === '-' || text[0] === '+') {
    negative = text[0] === '-';
    position = 1;
  }
  while (text[position] === '0') position += 1;
  if (position >= text.length) return { negative, value: '0', integer: '0', fraction: '', suffix: '' };
  const integerStart = position;
  while (isDigit(text[position])) position += 1;
  const integer = text.slice(integerStart, position) || '0';
  if (position >= text.length) return { negative, value: text, integer, fraction: '', suffix: '' };
  let fraction = '';
  if (text[position] === '.') {
    position += 1;
    const fractionStart = position;
    while (isDigit(text[position])) position += 1;
    fraction = text.slice(fractionStart, position);
    if (position >= text.length) return { negative, value: text, integer, fraction, suffix: '' };
  }
  const value = text.slice(0, position);
  const suffixStart = position;
  while (position < text.length && SUFFIX_CHARACTERS.includes(text[position]!)) position += 1;
  if (text[position] === '-' || text[position] === '+') position += 1;
  while (isDigit(text[position])) position += 1;
  if (position < text.length) return undefined;
  return { negative, value, integer, fraction, suffix: text.slice(suffixStart) };
}

interface Suffix {
  base: 2 | 10;
  exponent: number;
  format: QuantityFormat;
}

function interpretSuffix(suffix: string): Suffix | undefined {
  if (suffix in DECIMAL_SUFFIXES) return { base: 10, exponent: DECIMAL_SUFFIXES[suffix]!, format: 'DecimalSI' };
  if (suffix in BINARY_SUFFIXES) return { base: 2, exponent: BINARY_SUFFIXES[suffix]!, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    // strconv.ParseInt(s, 10, 64), then a conversion to int32 that wraps around.
    const digits = suffix.slice(1);
    if (!/^[+-]?[0-9]+$/.test(digits)) return undefined;
    const parsed = BigInt(digits);
    if (parsed > MAX_INT64 || parsed < INT64_MIN) return undefined;
    return { base: 10, exponent: Number(BigInt.asIntN(32, parsed)), format: 'DecimalExponent' };
  }
  return undefined;
}

/**
 * Whether apimachinery takes its int64 fast path. Only the slow path can fail on a number without digits
 * ("Ei" is an error while "Ki" parses as zero), so this decides between ErrNumeric and success.
 */
function takesFastPath(scanned: ScannedQuantity, suffix: Suffix): boolean {
  const digits = scanned.integer.length + scanned.fraction.length;
  if (suffix.base === 10) return INT64_DIGITS - digits >= 0 && toInt32(suffix.exponent - scanned.fraction.length) >= -NANO_SCALE;
  if (scanned.fraction.length > 0) return false;
  const precision = 15 - scanned.integer.length - Math.trunc((suffix.exponent * 3) / 10) - 1;
  return precision >= 0 && BigInt(scanned.integer) << BigInt(suffix.exponent) <= MAX_INT64;
}

/** Parses a quantity string as ParseQuantity does (no trimming: see quantityOfValue for manifest values). */
export function parseQuantity(text: string): QuantityParse {
  if (text.length === 0) return { ok: false, error: 'format' };
  const scanned = scanQuantity(text);
  if (!scanned) return { ok: false, error: 'format' };
  const suffix = interpretSuffix(scanned.suffix);
  if (!suffix) return { ok: false, error: 'suffix' };
  if (!takesFastPath(scanned, suffix) && !/[0-9]/.test(scanned.value)) return { ok: false, error: 'numeric' };
  const magnitude = BigInt(scanned.integer + scanned.fraction);
  let unscaled = suffix.base === 2 ? magnitude << BigInt(suffix.exponent) : magnitude;
  // inf.Dec keeps its scale in an int32 and the suffix exponent is negated there, both wrapping around.
  let scale = suffix.base === 10 ? toInt32(scanned.fraction.length + toInt32(-suffix.exponent)) : scanned.fraction.length;
  if (scale > NANO_SCALE && unscaled !== 0n) {
    unscaled = divideRoundingUp(unscaled, scale - NANO_SCALE);
    scale = NANO_SCALE;
  }
  let format = suffix.format;
  if (suffix.base === 2) {
    if (compareMagnitudes(unscaled, scale, MAX_INT64, 0) > 0) {
      unscaled = MAX_INT64;
      scale = 0;
    }
    if (unscaled !== 0n && compareMagnitudes(unscaled, scale, 1n, 0) < 0) format = 'DecimalSI';
  }
  return { ok: true, quantity: { unscaled: scanned.negative ? -unscaled : unscaled, scale, format } };
}

function toInt32(value: number): number {
  return Number(BigInt.asIntN(32, BigInt(value)));
}

/**
 * A quantity as a manifest holds it: a string (trimmed, as Quantity.UnmarshalJSON does), a number (a JSON
 * number is parsed from its text) or null (zero). Anything else is not a quantity at all: undefined.
 */
export function quantityOfValue(value: unknown): QuantityParse | undefined {
  if (value === null) return { ok: true, quantity: { unscaled: 0n, scale: 0, format: 'DecimalSI' } };
  if (typeof value === 'number') return Number.isFinite(value) ? parseQuantity(String(value)) : { ok: false, error: 'format' };
  if (typeof value === 'string') return parseQuantity(value.trim());
  return undefined;
}

/** ceil(n / 10^digits) for n ≥ 0, without building 10^digits when n is far smaller. */
function divideRoundingUp(n: bigint, digits: number): bigint {
  if (decimalDigits(n) < digits) return 1n;
  const divisor = 10n ** BigInt(digits);
  const quotient = n / divisor;
  return quotient * divisor === n ? quotient : quotient + 1n;
}

function decimalDigits(n: bigint): number {
  return (n < 0n ? -n : n).toString().length;
}

/** Compares |a|·10^-aScale with |b|·10^-bScale (non-negative unscaled values expected). */
function compareMagnitudes(a: bigint, aScale: number, b: bigint, bScale: number): number {
  if (a === 0n || b === 0n) return a === b ? 0 : a === 0n ? -1 : 1;
  // The position of the leading digit decides unless both lead at the same power of ten.
  const aLead = decimalDigits(a) - aScale;
  const bLead = decimalDigits(b) - bScale;
  if (aLead !== bLead) return aLead < bLead ? -1 : 1;
  const shift = aScale - bScale;
  const left = shift < 0 ? a * 10n ** BigInt(-shift) : a;
  const right = shift > 0 ? b * 10n ** BigInt(shift) : b;
  return left === right ? 0 : left < right ? -1 : 1;
}

export function quantitySign(quantity: Quantity): -1 | 0 | 1 {
  return quantity.unscaled === 0n ? 0 : quantity.unscaled < 0n ? -1 : 1;
}

/** Negative, zero or positive as `a` is less than, equal to or greater than `b` (Quantity.Cmp). */
export function compareQuantities(a: Quantity, b: Quantity): number {
  const aSign = quantitySign(a);
  const bSign = quantitySign(b);
  if (aSign !== bSign) return aSign < bSign ? -1 : 1;
  const magnitude = compareMagnitudes(aSign < 0 ? -a.unscaled : a.unscaled, a.scale, bSign < 0 ? -b.unscaled : b.unscaled, b.scale);
  return aSign < 0 ? -magnitude : magnitude;
}

/**
 * The server's test for a fractional value, `MilliValue() % 1000 != 0`: MilliValue rounds to thousandths away
 * from zero first, so "100m" and "1.5" are fractional but "0.9995" counts as whole (it becomes 1000m).
 */
export function hasFraction(quantity: Quantity): boolean {
  if (quantity.scale <= 0) return false;
  const magnitude = quantity.unscaled < 0n ? -quantity.unscaled : quantity.unscaled;
  const milli = quantity.scale <= 3 ? magnitude * 10n ** BigInt(3 - quantity.scale) : divideRoundingUp(magnitude, quantity.scale - 3);
  return milli % 1000n !== 0n;
}

/** True when the value is a whole number. */
export function isWholeQuantity(quantity: Quantity): boolean {
  if (quantity.scale <= 0) return true;
  return quantity.unscaled % 10n ** BigInt(quantity.scale) === 0n;
}

/** The exact value as a decimal string ("0.5", "1073741824"), for messages. */
export function formatQuantityValue(quantity: Quantity): string {
  const negative = quantity.unscaled < 0n;
  const digits = (negative ? -quantity.unscaled : quantity.unscaled).toString();
  let text: string;
  if (quantity.unscaled === 0n) {
    text = '0';
  } else if (quantity.scale < -30) {
    text = `${digits}e${-quantity.scale}`;
  } else if (quantity.scale <= 0) {
    text = digits + '0'.repeat(-quantity.scale);
  } else {
    const padded = digits.padStart(quantity.scale + 1, '0');
    const integer = padded.slice(0, padded.length - quantity.scale);
    const fraction = padded.slice(padded.length - quantity.scale).replace(/0+$/, '');
    text = fraction ? `${integer}.${fraction}` : integer;
  }
  return negative ? `-${text}` : text;
}

const DECIMAL_SUFFIX_BY_EXPONENT: ReadonlyMap<number, string> = new Map(Object.entries(DECIMAL_SUFFIXES).map(([suffix, exponent]) => [exponent, suffix]));
const BINARY_SUFFIX_BY_POWER = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/**
 * The quantity as the server prints it back (Quantity.String): the largest exponent that keeps the mantissa
 * whole, a multiple of 3 for decimal forms ("1.5" is "1500m", "1e4" is "10e3"), a power of 1024 for binary
 * ones ("1.5Gi" is "1536Mi"); a binary value that is small or not whole is printed in decimal form.
 */
export function canonicalQuantity(quantity: Quantity): string {
  if (quantity.unscaled === 0n) return '0';
  const negative = quantity.unscaled < 0n;
  const magnitude = negative ? -quantity.unscaled : quantity.unscaled;
  const sign = negative ? '-' : '';
  if (quantity.format === 'BinarySI' && compareMagnitudes(magnitude, quantity.scale, 1024n, 0) >= 0 && isWholeQuantity(quantity)) {
    let mantissa = quantity.scale > 0 ? magnitude / 10n ** BigInt(quantity.scale) : magnitude * 10n ** BigInt(-quantity.scale);
    let power = 0;
    while (mantissa % 1024n === 0n && power < BINARY_SUFFIX_BY_POWER.length - 1) {
      mantissa /= 1024n;
      power += 1;
    }
    return `${sign}${mantissa}${BINARY_SUFFIX_BY_POWER[power]}`;
  }
  // The trailing zeros are counted in the digits, not divided off one at a time: each division copies the whole
  // number, so a divisor of "1" and a million zeros took minutes.
  const digits = magnitude.toString();
  let end = digits.length;
  while (digits[end - 1] === '0') end -= 1;
  let exponent = -quantity.scale + (digits.length - end);
  const excess = ((exponent % 3) + 3) % 3;
  const mantissa = digits.slice(0, end) + '0'.repeat(excess);
  exponent -= excess;
  const decimalSuffix = quantity.format === 'DecimalExponent' ? undefined : DECIMAL_SUFFIX_BY_EXPONENT.get(exponent);
  const suffix = decimalSuffix ?? (exponent === 0 ? '' : `e${exponent}`);
  return `${sign}${mantissa}${suffix}`;
}
