// Adopting podlint in a repository that already has many problems: --update-baseline records today's problems
// in a file, and --baseline reports only problems that file does not record. A problem is recognised by a
// fingerprint of its rule, file, object (apiVersion, kind, namespace, name), the JSON path of the node it
// points at (list items by their `name` where they have one) and its message, so moving lines, documents or
// unrelated keys around does not make an old problem look new. Identical fingerprints are counted.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { SourceFile, sha256, type LintMessage, type ObjectRef, type SourceDocument } from '@podlint/core';
import { writeFileAtomic } from './atomic-write.js';
import { STDIN_PATH } from './formatters/paths.js';
import type { ReportedFile } from './formatters/types.js';

export const BASELINE_FORMAT = 1;

export interface BaselineEntry {
  /** Relative to the baseline file's folder, with forward slashes. */
  file: string;
  rule: string;
  object?: string;
  fingerprint: string;
  /** For people reading the file; not part of the match. */
  message: string;
}

export interface Baseline {
  podlintBaseline: typeof BASELINE_FORMAT;
  findings: BaselineEntry[];
}

export class BaselineError extends Error {}

export function readBaseline(path: string): Baseline {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BaselineError(
      code === 'ENOENT' ? `baseline ${path} does not exist; create it with --update-baseline` : `cannot read baseline ${path}: ${code ?? String(error)}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`baseline ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const baseline = value as Partial<Baseline> | null;
  if (!baseline || baseline.podlintBaseline !== BASELINE_FORMAT || !Array.isArray(baseline.findings)) {
    throw new BaselineError(`${path} is not a podlint baseline (expected {"podlintBaseline": ${BASELINE_FORMAT}, "findings": [...]})`);
  }
  for (const entry of baseline.findings) {
    if (typeof entry?.file !== 'string' || typeof entry.rule !== 'string' || typeof entry.fingerprint !== 'string') {
      throw new BaselineError(`baseline ${path}: every finding needs "file", "rule" and "fingerprint"`);
    }
  }
  return baseline as Baseline;
}

export interface BaselineOutcome {
  results: ReportedFile[];
  /** Recorded problems of the files linted now that no longer occur. */
  gone: number;
}

/** Leaves out the problems the baseline records; counts them per file in `baselined`. */
export function applyBaseline(results: readonly ReportedFile[], baseline: Baseline, baselinePath: string): BaselineOutcome {
  const remaining = new Map<string, number>();
  for (const entry of baseline.findings) remaining.set(entry.fingerprint, (remaining.get(entry.fingerprint) ?? 0) + 1);
  const entries = entriesOf(results, baselinePath);
  const filtered = results.map((result, index) => {
    const fingerprints = entries[index]!.map((entry) => entry.fingerprint);
    const messages = result.messages.filter((_message, messageIndex) => {
      const fingerprint = fingerprints[messageIndex]!;
      const left = remaining.get(fingerprint) ?? 0;
      if (left === 0) return true;
      remaining.set(fingerprint, left - 1);
      return false;
    });
    const baselined = result.messages.length - messages.length;
    return baselined === 0 ? result : { ...result, messages, baselined };
  });
  // What is left unmatched and belongs to a file linted now was fixed (or changed beyond recognition).
  const linted = new Set(results.map((result) => baselineFileName(result.filePath, baselinePath)));
  let gone = 0;
  for (const entry of baseline.findings) {
    const left = remaining.get(entry.fingerprint) ?? 0;
    if (left === 0 || !linted.has(entry.file)) continue;
    remaining.set(entry.fingerprint, left - 1);
    gone += 1;
  }
  return { results: filtered, gone };
}

/** Today's problems, replacing what the baseline recorded for the files linted now and keeping the rest. */
export function updatedBaseline(results: readonly ReportedFile[], previous: Baseline | undefined, baselinePath: string): Baseline {
  const linted = new Set(results.map((result) => baselineFileName(result.filePath, baselinePath)));
  const kept = (previous?.findings ?? []).filter((entry) => !linted.has(entry.file));
  const findings = [...kept, ...entriesOf(results, baselinePath).flat()].sort(
    (a, b) => compare(a.file, b.file) || compare(a.rule, b.rule) || compare(a.fingerprint, b.fingerprint),
  );
  return { podlintBaseline: BASELINE_FORMAT, findings };
}

export function writeBaseline(path: string, baseline: Baseline): void {
  const lines = baseline.findings.map((entry) => `    ${JSON.stringify(entry)}`);
  const text = `{\n  "podlintBaseline": ${BASELINE_FORMAT},\n  "findings": [${lines.length > 0 ? `\n${lines.join(',\n')}\n  ` : ''}]\n}\n`;
  writeFileAtomic(path, text);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function entriesOf(results: readonly ReportedFile[], baselinePath: string): BaselineEntry[][] {
  const parsed = new Map<string, SourceFile>();
  return results.map((result) => {
    if (result.messages.length === 0) return [];
    const source = result.source ?? '';
    let file = parsed.get(source);
    if (!file) {
      file = new SourceFile(result.filePath, source);
      parsed.set(source, file);
    }
    const name = baselineFileName(result.filePath, baselinePath);
    return result.messages.map((message) => entryOf(message, name, file));
  });
}

function entryOf(message: LintMessage, file: string, source: SourceFile): BaselineEntry {
  const object = message.object ? describeObject(message.object) : undefined;
  const locator = locatorOf(source, message);
  const normalizedMessage = message.message.replace(/\b(lines?|columns?) \d+/g, '$1 #');
  const fingerprint = sha256()
    .update(JSON.stringify([message.ruleId, file, object ?? null, locator, normalizedMessage]))
    .digest('hex')
    .slice(0, 24);
  return { file, rule: message.ruleId, ...(object ? { object } : {}), fingerprint, message: message.message };
}

/** The last document that starts at or before `offset`, or the first when none does. */
function documentAt(source: SourceFile, offset: number): SourceDocument | undefined {
  const documents = source.documents;
  return documents[Math.max(0, lastStartingBy(documents, offset, (doc) => doc.yaml.range[0]) ?? 0)];
}

function baselineFileName(filePath: string, baselinePath: string): string {
  if (filePath === STDIN_PATH) return STDIN_PATH;
  const path = relative(dirname(resolve(baselinePath)), filePath);
  return sep === '/' ? path : path.split(sep).join('/');
}

function describeObject(object: ObjectRef): string {
  const name = object.namespace !== undefined ? `${object.namespace}/${object.name ?? ''}` : (object.name ?? '');
  return `${object.apiVersion} ${object.kind}${name ? ` ${name}` : ''}`;
}

/**
 * Where in its document a problem is: the JSON path of the deepest node that contains its start (relative to
 * the object for List items), or the text of its line in a document that does not parse.
 */
export function locatorOf(source: SourceFile, message: LintMessage): string {
  const offset = message.offsets[0];
  const doc = documentAt(source, offset);
  if (!doc || doc.hasSyntaxErrors) {
    const lineStart = source.text.lastIndexOf('\n', offset - 1) + 1;
    const lineEnd = source.text.indexOf('\n', offset);
    return `line:${source.text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd).trim()}`;
  }
  const path: string[] = [];
  let node = doc.yaml.contents as Node | null;
  const contains = (candidate: unknown): candidate is Node => {
    const range = (candidate as Node | null)?.range;
    return Boolean(range && range[0] <= offset && offset < Math.max(range[1], range[0] + 1));
  };
  for (;;) {
    if (isMap(node)) {
      const pair = node.items[indexHolding(node.items, offset, (item) => startOf(item.key) ?? startOf(item.value), (item) => contains(item.key) || contains(item.value))];
      if (!pair) break;
      path.push(`.${isScalar(pair.key) ? String(pair.key.value) : '?'}`);
      if (contains(pair.key)) break;
      node = pair.value as Node | null;
    } else if (isSeq(node)) {
      const index = indexHolding(node.items, offset, startOf, contains);
      if (index === -1) break;
      const item = node.items[index] as Node;
      const name = isMap(item) ? item.get('name') : undefined;
      path.push(typeof name === 'string' ? `[name=${name}]` : `[${index}]`);
      node = item;
    } else {
      break;
    }
  }
  if (message.object && /^\.items\[/.test(`${path[0] ?? ''}${path[1] ?? ''}`)) path.splice(0, 2);
  return path.join('');
}

function startOf(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[0];
}

/**
 * The index of the item of a collection that holds `offset`, or -1. Sibling items lie apart and in order, so only the
 * last one starting at or before it can. An item without a place (an empty key and value) makes it search them all.
 */
function indexHolding<T>(items: readonly T[], offset: number, start: (item: T) => number | undefined, holds: (item: T) => boolean): number {
  const last = lastStartingBy(items, offset, start);
  if (last === undefined) return items.findIndex(holds);
  return last !== -1 && holds(items[last]!) ? last : -1;
}

/**
 * The index of the last of `items` (in the order of their starts) that starts at or before `offset`, -1 when none
 * does, undefined when an item it looks at has no start. By bisection: searching every document and every item for
 * each problem took minutes for a file of 200,000 documents, or a mapping of 150,000 repeated keys.
 */
function lastStartingBy<T>(items: readonly T[], offset: number, start: (item: T) => number | undefined): number | undefined {
  let low = 0;
  let high = items.length - 1;
  let last = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const at = start(items[middle]!);
    if (at === undefined) return undefined;
    if (at <= offset) {
      last = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return last;
}
