// --fix and --fix-dry-run: apply every fix, lint again (a fix may uncover or enable another), and repeat until
// nothing changes, at most MAX_FIX_PASSES times. A file with a document that does not parse is never touched,
// and a pass whose fixes would break a file's YAML is undone for that file. Fixes are text edits, so
// comments, key order, quoting and unrelated formatting stay byte for byte.
import { readFileSync, statSync } from 'node:fs';
import { applyFixes, type FileResult, type LintInput, type LintMessage, type Linter } from '@podlint/core';
import { writeFileAtomic, type AtomicWriteFs } from './atomic-write.js';
import { decodeManifest, encodeText } from './encoding.js';
import type { ReportedFile } from './formatters/types.js';

export const MAX_FIX_PASSES = 10;

export interface FixRun {
  /** Results of the final texts; `output` and `fixed` are set where fixes changed a file. */
  results: ReportedFile[];
  /** Results of the texts as read, in the same order: what stays true of a file whose fixes cannot be written. */
  unfixedResults: FileResult[];
  /** Files whose fixes still changed something after the last pass (the fixes keep undoing each other). */
  unsettled: string[];
}

/**
 * `canFix`: whether a file's fixes may be applied at all; `applies`: whether a message's fix is (--fix --quiet applies
 * only the fixes of errors, as ESLint does: the report does not show the warnings whose fixes would change the file).
 */
export function lintAndFix(
  linter: Linter,
  inputs: readonly LintInput[],
  canFix: (input: LintInput) => boolean = () => true,
  applies: (message: LintMessage) => boolean = () => true,
): FixRun {
  let texts = inputs.map((input) => input.text);
  const unfixedResults = linter.lintFiles(inputs);
  let results = unfixedResults;
  const fixed = inputs.map(() => 0);
  const frozen = inputs.map((input, index) => !canFix(input) || !parses(results[index]!));
  let pending = true;
  for (let pass = 0; pass < MAX_FIX_PASSES && pending; pass += 1) {
    const next = texts.slice();
    const applied = inputs.map(() => 0);
    for (let index = 0; index < inputs.length; index += 1) {
      if (frozen[index]) continue;
      const fixes = results[index]!.messages.flatMap((message) => (message.fix && applies(message) ? [message.fix] : []));
      if (fixes.length === 0) continue;
      const outcome = applyFixes(texts[index]!, fixes);
      if (outcome.output === texts[index]) continue;
      next[index] = outcome.output;
      applied[index] = outcome.applied;
    }
    if (next.every((text, index) => text === texts[index])) {
      pending = false;
      break;
    }
    let relinted = linter.lintFiles(withTexts(inputs, next));
    const broken = next.map((_text, index) => next[index] !== texts[index] && !parses(relinted[index]!));
    if (broken.some(Boolean)) {
      // The fixes of these files produced YAML that does not parse: keep their last good text, fix them no more.
      broken.forEach((isBroken, index) => {
        if (!isBroken) return;
        next[index] = texts[index]!;
        applied[index] = 0;
        frozen[index] = true;
      });
      relinted = linter.lintFiles(withTexts(inputs, next));
    }
    applied.forEach((count, index) => (fixed[index]! += count));
    texts = next;
    results = relinted;
  }
  const unsettled = pending
    ? inputs.filter((_input, index) => !frozen[index] && results[index]!.messages.some((message) => message.fix && applies(message))).map((input) => input.filePath)
    : [];
  return {
    results: results.map((result, index) => (texts[index] === inputs[index]!.text ? result : { ...result, output: texts[index]!, fixed: fixed[index]! })),
    unfixedResults,
    unsettled,
  };
}

function parses(result: FileResult): boolean {
  return !result.skipped && result.counts.brokenDocuments === 0;
}

function withTexts(inputs: readonly LintInput[], texts: readonly string[]): LintInput[] {
  return inputs.map((input, index) => (input.text === texts[index] ? input : { ...input, text: texts[index]! }));
}

/**
 * Writes a fixed file back, atomically, in the encoding it was read in (its byte-order mark kept); refuses when
 * the file no longer holds the text that was linted (someone changed it meanwhile), and when other hard links share
 * it: the atomic write puts a new file in place of this name, and the other names would keep the unfixed text.
 */
export function writeFixedFile(path: string, lintedText: string, output: string, io?: AtomicWriteFs): void {
  const current = decodeManifest(readFileSync(path));
  if (!('text' in current) || current.text !== lintedText) throw new Error('it changed while podlint ran; not rewritten');
  const links = statSync(path).nlink;
  if (links > 1) throw new Error(`it has ${links} hard links, and a fixed copy in place of one would part it from the others; not rewritten`);
  writeFileAtomic(path, encodeText(output, current.encoding), io);
}
