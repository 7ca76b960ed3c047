// maxSurge and maxUnavailable: a whole number of pods or a percentage string, as the apps validation reads
// them (ValidatePositiveIntOrPercent, IsNotMoreThan100Percent, getIntOrPercentValue).

export type IntOrPercent =
  | { kind: 'number'; value: number }
  | { kind: 'percent'; value: number; text: string }
  /** A string that is not "<digits>%": rejected, though it still counts by its number for the zero checks. */
  | { kind: 'invalid'; text: string; value: number };

/** The field as written; undefined when absent or null (the server then applies its default). */
export function readIntOrPercent(value: unknown): IntOrPercent | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return { kind: 'number', value };
  if (typeof value !== 'string') return undefined;
  const percent = /^([0-9]+)%$/.exec(value);
  if (percent) return { kind: 'percent', value: Number(percent[1]), text: value };
  const number = /^[+-]?[0-9]+$/.test(value) ? Number(value) : 0;
  return { kind: 'invalid', text: value, value: number };
}

/** The number the zero checks compare, percent or count alike. */
export function amountOf(field: IntOrPercent | undefined, defaultValue: number): number {
  return field === undefined ? defaultValue : field.value;
}

export function describeIntOrPercent(field: IntOrPercent): string {
  return field.kind === 'number' ? String(field.value) : `"${field.text}"`;
}
