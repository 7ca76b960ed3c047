// Recognises Helm / Go template sources, which are not YAML until rendered: they are skipped with one notice
// instead of a cascade of syntax errors. `{{ }}` inside ordinary strings (Prometheus alert texts) is fine.
import { isScalar, visit } from 'yaml';
import type { SourceFile } from './source.js';

// The search for `.Values` (and the like) inside an action stops 500 characters in: unbounded, it read to the
// next `}` from every `{{`, and a value of thousands of `{{` without one took seconds.
const HELM_ACTION = /\{\{-?\s*(?:[^}]{0,500}?\.(?:Values|Release|Chart|Capabilities|Files|Template)\b|(?:include|template|define|tpl)\s|toYaml\b|if\s|range\s|with\s|end\s*-?\}\})/;

export function templateSkipMessage(file: SourceFile): string | undefined {
  const { text } = file;
  if (!text.includes('{{')) return undefined;
  if (HELM_ACTION.test(text) || hasTemplateOutsideStrings(file)) {
    return 'skipped: a Helm/Go template ({{ }}), not YAML until rendered; lint the output of `helm template` instead (`helm template . | podlint -`)';
  }
  return undefined;
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
