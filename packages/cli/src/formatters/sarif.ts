// SARIF 2.1.0 for code scanning (GitHub's Security tab, Azure DevOps, the VS Code SARIF viewer): the rules
// that fired with their description, help link and default level; each problem with its exact region
// (1-based lines, 1-based UTF-16 columns, end exclusive, as SARIF counts them), the object it is about, and
// its fix and suggestions as replacements. Skipped files become tool notifications, so nothing goes unsaid.
import { pathToFileURL } from 'node:url';
import { lineAt, type Fix, type LintMessage, type ObjectRef, type OffsetRange } from '@podlint/core';
import { STDIN_PATH, displayPath, portablePath } from './paths.js';
import type { Formatter, RuleSummary } from './types.js';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const SOURCE_ROOT = '%SRCROOT%';
const LEVELS: Record<LintMessage['severity'], string> = { error: 'error', warning: 'warning', info: 'note' };

const sarif: Formatter = (results, context) => {
  const ruleIds = [...new Set(results.flatMap((result) => result.messages.map((message) => message.ruleId)))].sort();
  const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));
  const sarifResults: unknown[] = [];
  const notifications: unknown[] = [];
  for (const result of results) {
    const artifactLocation = artifactLocationOf(result.filePath, context.cwd);
    if (result.skipped) {
      notifications.push({
        level: result.skipped.kind === 'unreadable' ? 'error' : 'note',
        message: { text: result.skipped.message },
        locations: [{ physicalLocation: { artifactLocation } }],
      });
    }
    const lines = lineStarts(result.source ?? '');
    const regionOf = (offsets: OffsetRange) => ({ ...positionOf(lines, offsets[0], 'start'), ...positionOf(lines, offsets[1], 'end') });
    const changeOf = (fix: Fix) => ({
      artifactLocation,
      replacements: fix.edits.map((edit) => ({ deletedRegion: regionOf(edit.range), insertedContent: { text: edit.text } })),
    });
    for (const message of result.messages) {
      const { start, end } = message.range;
      const fixes = [
        ...(message.fix ? [{ artifactChanges: [changeOf(message.fix)] }] : []),
        ...(message.suggestions ?? []).map((suggestion) => ({ description: { text: suggestion.message }, artifactChanges: [changeOf(suggestion.fix)] })),
      ];
      sarifResults.push({
        ruleId: message.ruleId,
        ruleIndex: ruleIndex.get(message.ruleId),
        level: LEVELS[message.severity],
        message: { text: message.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation,
              region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
            },
            ...(message.object ? { logicalLocations: [logicalLocationOf(message.object)] } : {}),
          },
        ],
        ...(fixes.length > 0 ? { fixes } : {}),
      });
    }
  }
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'podlint',
            version: context.version,
            semanticVersion: context.version,
            informationUri: 'https://github.com/podlint/podlint',
            rules: ruleIds.map((id) => reportingDescriptor(id, context.rulesMeta[id])),
          },
        },
        invocations: [
          {
            executionSuccessful: !results.some((result) => result.skipped?.kind === 'unreadable'),
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: directoryUri(context.cwd) } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return indentedJson(log, sarifResults);
};

/**
 * `JSON.stringify(log, null, 2)` and a newline, byte for byte, in pieces: each of `results` (the last field of
 * the log's run, which holds them) is written as a piece of its own.
 */
function indentedJson(log: { runs: { results: unknown[] }[] }, results: readonly unknown[]): string[] {
  if (results.length === 0) return [`${JSON.stringify(log, null, 2)}\n`];
  log.runs[0]!.results = [];
  const text = JSON.stringify(log, null, 2);
  const empty = text.lastIndexOf('"results": []');
  // The run is at depth 2 of the log, so its fields are indented by 6 spaces and the results by 8. Only `\n`
  // starts a line of JSON: a U+2028 inside a string stays as it is (a multiline ^ would indent after it).
  const indent = '        ';
  const items = results.map((result, index) => `${index === 0 ? '' : ',\n'}${indent}${JSON.stringify(result, null, 2).replace(/\n/g, `\n${indent}`)}`);
  return [`${text.slice(0, empty)}"results": [\n`, ...items, `\n      ]${text.slice(empty + '"results": []'.length)}\n`];
};

export default sarif;

function reportingDescriptor(id: string, meta: RuleSummary | undefined) {
  if (!meta) return { id };
  return {
    id,
    shortDescription: { text: meta.description },
    ...(meta.url ? { helpUri: meta.url } : {}),
    defaultConfiguration: { level: LEVELS[meta.severity] },
  };
}

/** Files under the working directory relative to it (code scanning maps them onto the checkout). */
function artifactLocationOf(filePath: string, cwd: string): { uri: string; uriBaseId?: string } {
  if (filePath === STDIN_PATH) return { uri: encodeURIComponent(STDIN_PATH) };
  if (displayPath(filePath, cwd) === filePath) return { uri: pathToFileURL(filePath).href };
  return { uri: portablePath(filePath, cwd).split('/').map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
}

function directoryUri(directory: string): string {
  const href = pathToFileURL(directory).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function logicalLocationOf(object: ObjectRef) {
  const qualified = [object.apiVersion, object.kind, object.namespace, object.name].filter((part) => part !== undefined).join('/');
  return { kind: 'resource', name: object.name ?? object.kind, fullyQualifiedName: qualified };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

/** 1-based line and column of an offset, named for a region's start or end. */
function positionOf(starts: readonly number[], offset: number, side: 'start' | 'end') {
  const index = lineAt(starts, offset);
  const line = index + 1;
  const column = offset - starts[index]! + 1;
  return side === 'start' ? { startLine: line, startColumn: column } : { endLine: line, endColumn: column };
}
