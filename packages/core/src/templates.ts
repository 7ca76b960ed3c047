// Recognises Helm / Go template sources, which are not YAML until rendered: they are skipped with one notice
// instead of a cascade of syntax errors. `{{ }}` inside ordinary strings (Prometheus alert texts) is fine.
import { isScalar, visit } from 'yaml';
import type { SourceFile } from './source.js';

/** An action that starts with a template keyword: `{{ include`, `{{- if`, `{{ end }}`... */
const KEYWORD_ACTION = /\{\{-?\s*(?:(?:include|template|define|tpl)\s|toYaml\b|if\s|range\s|with\s|end\s*-?\}\})/;
/** What an action reads from the chart: `.Values.image`, `$.Release.Name`... */
const CHART_OBJECT = /\.(?:Values|Release|Chart|Capabilities|Files|Template)\b/g;
/** How far into an action (after `{{`, a `-` and spaces) a chart object still counts. */
export const ACTION_REACH = 500;

export function templateSkipMessage(file: SourceFile): string | undefined {
  const { text } = file;
  if (!text.includes('{{')) return undefined;
  if (hasHelmAction(text) || hasTemplateOutsideStrings(file)) {
    return 'skipped: a Helm/Go template ({{ }}), not YAML until rendered; lint the output of `helm template` instead (`helm template . | podlint -`)';
  }
  return undefined;
}

/**
 * True when the text holds a Helm action: a `{{` followed by a template keyword, or by a chart object (`.Values`)
 * within ACTION_REACH characters and before any `}`. For each chart object only the last `{{` before it is tried: an
 * earlier one is further away with the same `}`s between. One pass over the text: a regular expression that tried
 * every `{{` read up to ACTION_REACH characters from each (13 s for a file of 16 MB of `{`).
 */
export function hasHelmAction(text: string): boolean {
  if (KEYWORD_ACTION.test(text)) return true;
  let open = -1;
  let brace = -1;
  let nextOpen = text.indexOf('{{');
  let nextBrace = text.indexOf('}');
  // Where the `-` and spaces after `open`'s braces end, once worked out.
  let contentOf = -1;
  let content = -1;
  for (const match of text.matchAll(CHART_OBJECT)) {
    const at = match.index;
    for (; nextOpen !== -1 && nextOpen <= at - 2; nextOpen = text.indexOf('{{', nextOpen + 1)) open = nextOpen;
    for (; nextBrace !== -1 && nextBrace < at; nextBrace = text.indexOf('}', nextBrace + 1)) brace = nextBrace;
    if (open === -1 || brace > open) continue;
    if (contentOf !== open) {
      contentOf = open;
      content = open + 2;
      if (text.charCodeAt(content) === 45) content += 1;
      while (content < at && /\s/.test(text[content]!)) content += 1;
    }
    if (at - content <= ACTION_REACH) return true;
  }
  return false;
}

/** True when some `{{` sits outside every string value and comment: the template shapes the YAML itself. */
function hasTemplateOutsideStrings(file: SourceFile): boolean {
  const scalarRanges: [number, number][] = [];
  for (const doc of file.documents) {
    visit(doc.yaml, {
      Scalar(_key, node) {
        if (isScalar(node) && node.range) scalarRanges.push([node.range[0], node.range[1]]);
      },
    });
  }
  scalarRanges.sort((a, b) => a[0] - b[0]);
  const { text } = file;
  // The text is read once, forward, for comments, and the scalars once, in order: looked up again for each `{{`,
  // thousands of them took time by the square.
  let read = 0;
  let commentOnLine = false;
  let scalar = 0;
  for (let index = text.indexOf('{{'); index !== -1; index = text.indexOf('{{', index + 2)) {
    for (; read < index; read += 1) {
      const char = text[read]!;
      if (char === '\n') commentOnLine = false;
      else if (char === '#' && (read === 0 || /\s/.test(text[read - 1]!))) commentOnLine = true;
    }
    if (commentOnLine) continue;
    while (scalar < scalarRanges.length && scalarRanges[scalar]![1] <= index) scalar += 1;
    const range = scalarRanges[scalar];
    if (!range || index < range[0]) return true;
  }
  return false;
}
