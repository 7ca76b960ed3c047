// A CronJob's schedule and timeZone as the batch validation reads them (reference M7): the schedule must parse
// with the standard cron parser the API server uses (five fields, or a descriptor such as @hourly; no seconds
// field), must not carry TZ= or CRON_TZ=, and timeZone must name a zone of the IANA database.
import type { Path, RuleContext } from '@podlint/core';

export type CronMessageId = 'scheduleInvalid' | 'scheduleTimeZone' | 'timeZoneEmpty' | 'timeZoneLocal' | 'timeZoneUnknown';

interface FieldBounds {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const FIELDS: readonly FieldBounds[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { name: 'day of week', min: 0, max: 6, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];
const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
/** A Go duration, as `@every 1h30m` takes it. */
const GO_DURATION = /^[+-]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$|^0$/;
const DECIMAL = /^[+-]?\d+$/;
/** What the server lets through to the time zone database: path parts of these characters, 1 to 14 of them. */
const TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

export function checkCronSchedule(context: RuleContext<CronMessageId>, spec: Record<string, unknown>, specPath: Path): void {
  const schedule = spec.schedule;
  // An empty or missing schedule is schema-required's; another type schema-type's.
  if (typeof schedule === 'string' && schedule !== '') {
    const path = [...specPath, 'schedule'];
    if (schedule.includes('TZ')) context.report({ path, messageId: 'scheduleTimeZone', data: { value: schedule } });
    else {
      const reason = scheduleProblem(schedule);
      if (reason) context.report({ path, messageId: 'scheduleInvalid', data: { value: schedule, reason } });
    }
  }
  const timeZone = spec.timeZone;
  if (typeof timeZone !== 'string') return;
  const path = [...specPath, 'timeZone'];
  if (timeZone === '') context.report({ path, messageId: 'timeZoneEmpty' });
  else if (timeZone.toLowerCase() === 'local') context.report({ path, messageId: 'timeZoneLocal' });
  else if (!knownTimeZone(timeZone)) context.report({ path, messageId: 'timeZoneUnknown', data: { value: timeZone } });
}

/** Why the standard cron parser refuses a schedule, or undefined when it reads it. */
export function scheduleProblem(schedule: string): string | undefined {
  if (schedule.startsWith('@')) {
    if (DESCRIPTORS.has(schedule)) return undefined;
    if (schedule.startsWith('@every ')) {
      return GO_DURATION.test(schedule.slice('@every '.length)) ? undefined : `"${schedule.slice('@every '.length)}" is not a duration such as 1h30m`;
    }
    return `${schedule} is not a descriptor (@yearly, @monthly, @weekly, @daily, @hourly or @every <duration>)`;
  }
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 5) {
    return `it has ${fields.length} field${fields.length === 1 ? '' : 's'}, and a schedule has exactly 5 (minute, hour, day of month, month, day of week; no seconds)`;
  }
  for (const [index, field] of fields.entries()) {
    const bounds = FIELDS[index]!;
    for (const part of field!.split(',')) {
      const reason = partProblem(part, bounds);
      if (reason) return `the ${bounds.name} field "${field}": ${reason}`;
    }
  }
  return undefined;
}

/** One comma-separated part of a field: `*`, `?`, `n`, `a-b`, each with an optional `/step`. */
function partProblem(part: string, bounds: FieldBounds): string | undefined {
  const [range, step, ...moreSlashes] = part.split('/');
  if (moreSlashes.length > 0) return `"${part}" has more than one "/"`;
  const ends = range!.split('-');
  let start = bounds.min;
  let end = bounds.max;
  // The parser reads `*` and `?` as the whole range, whatever follows a "-" after them.
  if (ends[0] !== '*' && ends[0] !== '?') {
    if (ends.length > 2) return `"${part}" has more than one "-"`;
    const low = valueOf(ends[0]!, bounds);
    if (typeof low === 'string') return low;
    start = low;
    end = low;
    if (ends.length === 2) {
      const high = valueOf(ends[1]!, bounds);
      if (typeof high === 'string') return high;
      end = high;
    } else if (step !== undefined) {
      // `5/15` runs from 5 to the field's end.
      end = bounds.max;
    }
  }
  if (step !== undefined) {
    if (!DECIMAL.test(step)) return `the step "${step}" is not a number`;
    if (Number(step) <= 0) return `the step of "${part}" must be a positive number`;
  }
  if (start < bounds.min) return `${start} is below ${bounds.min}`;
  if (end > bounds.max) return `${end} is above ${bounds.max}${bounds.name === 'day of week' ? ' (Sunday is 0)' : ''}`;
  if (start > end) return `"${part}" begins after it ends`;
  return undefined;
}

function valueOf(text: string, bounds: FieldBounds): number | string {
  const named = bounds.names?.indexOf(text.toLowerCase()) ?? -1;
  if (named !== -1) return named + bounds.min;
  if (!DECIMAL.test(text)) return `"${text}" is not a number${bounds.names ? ` or a ${bounds.name === 'month' ? 'month' : 'day'} name (${bounds.names[0]}, ${bounds.names[1]}...)` : ''}`;
  const value = Number(text);
  if (value < 0) return `${value} is negative`;
  return value;
}

let zonesKnown: boolean | undefined;

/**
 * Whether the time zone database knows the zone. The server reads its own copy of it; Node's ICU holds the same
 * IANA zones and links. Where this Node has no zone data at all, every zone counts as known.
 */
function knownTimeZone(zone: string): boolean {
  if (zone.split('/').some((part) => part === '.' || part === '..' || part.startsWith('-') || !TIME_ZONE_PART.test(part))) return false;
  zonesKnown ??= acceptedByIntl('America/New_York');
  return !zonesKnown || acceptedByIntl(zone);
}

function acceptedByIntl(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
