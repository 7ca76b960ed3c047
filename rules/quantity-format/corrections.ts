// What a person most likely meant by a quantity the API cannot parse: byte units written the way other tools
// write them (512MB, 1gb, 2GiB), stray spaces, a version-like 1.5.0, a decimal comma, unit words.
import { formatQuantityValue, parseQuantity } from '@podlint/core';

export interface Correction {
  text: string;
  /** What the corrected quantity means, for the suggestion's message. */
  meaning: string;
}

export type Diagnosis =
  /** A byte size with a "B" or the wrong case: offer both the decimal and the binary reading. */
  | { kind: 'byteUnit'; decimal?: Correction; binary: Correction }
  | { kind: 'other'; correction: Correction }
  | { kind: 'unknown' };

const NUMBER = '[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)';
const BYTE_UNIT = new RegExp(`^(${NUMBER})\\s*([kmgtpe])(i?)(b?|bytes?)$`, 'i');
const DECIMAL_LETTER: Readonly<Record<string, string>> = { k: 'k', m: 'M', g: 'G', t: 'T', p: 'P', e: 'E' };
const CPU_WORDS = new RegExp(`^(${NUMBER})\\s*(cores?|cpus?|vcpus?)$`, 'i');
const MILLI_CPU_WORDS = new RegExp(`^(${NUMBER})\\s*(millicores?|millicpus?|mcpus?)$`, 'i');
const BYTE_WORDS = new RegExp(`^(${NUMBER})\\s*(b|bytes?)$`, 'i');

function valid(text: string): boolean {
  return parseQuantity(text).ok;
}

function meaning(text: string, unit: string): string {
  const parsed = parseQuantity(text);
  return parsed.ok ? `${formatQuantityValue(parsed.quantity)} ${unit}` : text;
}

export function diagnose(raw: string): Diagnosis {
  const text = raw.trim();
  const withoutSpaces = text.replace(/\s+/g, '');
  if (withoutSpaces !== text && valid(withoutSpaces)) return { kind: 'other', correction: { text: withoutSpaces, meaning: 'without the space' } };
  const bytes = BYTE_UNIT.exec(text);
  if (bytes) {
    const [, number, letter, binaryMark, byteMark] = bytes as unknown as [string, string, string, string, string];
    const decimalSuffix = DECIMAL_LETTER[letter.toLowerCase()]!;
    const binary = `${number}${decimalSuffix.toUpperCase()}i`;
    const decimal = `${number}${decimalSuffix}`;
    // "500m" alone is a valid milli-value; reaching here means a B, an i or a case the API does not accept.
    if (valid(binary) && (binaryMark !== '' || byteMark !== '' || letter !== decimalSuffix)) {
      const binaryCorrection = { text: binary, meaning: meaning(binary, 'bytes') };
      if (binaryMark !== '') return { kind: 'byteUnit', binary: binaryCorrection };
      return { kind: 'byteUnit', decimal: { text: decimal, meaning: meaning(decimal, 'bytes') }, binary: binaryCorrection };
    }
  }
  const other = otherCorrection(text);
  return other ? { kind: 'other', correction: other } : { kind: 'unknown' };
}

function otherCorrection(text: string): Correction | undefined {
  const milliCpu = MILLI_CPU_WORDS.exec(text);
  if (milliCpu && valid(`${milliCpu[1]}m`)) return { text: `${milliCpu[1]}m`, meaning: `${milliCpu[1]} thousandths of a CPU` };
  const cpu = CPU_WORDS.exec(text);
  if (cpu && valid(cpu[1]!)) return { text: cpu[1]!, meaning: `${cpu[1]} CPU` };
  const byteCount = BYTE_WORDS.exec(text);
  if (byteCount && valid(byteCount[1]!)) return { text: byteCount[1]!, meaning: meaning(byteCount[1]!, 'bytes') };
  // A version-like "1.5.0": the extra parts are zeros, so the number was meant.
  const versionLike = /^([+-]?[0-9]+\.[0-9]+)((?:\.0+)+)([a-zA-Z]*)$/.exec(text);
  if (versionLike && valid(`${versionLike[1]}${versionLike[3]}`)) return { text: `${versionLike[1]}${versionLike[3]}`, meaning: 'dropping the extra ".0"' };
  // A decimal comma; three digits after it read as a thousands separator, which is ambiguous.
  const comma = /^([+-]?[0-9]+),([0-9]+)([a-zA-Z]*)$/.exec(text);
  if (comma && comma[2]!.length !== 3 && valid(`${comma[1]}.${comma[2]}${comma[3]}`)) {
    return { text: `${comma[1]}.${comma[2]}${comma[3]}`, meaning: 'with a decimal point' };
  }
  return undefined;
}
