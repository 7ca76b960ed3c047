// Recognises Helm / Go template sources, which are not YAML until rendered: they are skipped with one notice
// instead of a cascade of syntax errors. `{{ }}` inside ordinary strings (Prometheus alert texts) is fine.
import { isScalar, visit } from 'yaml';
import type { SourceFile } from './source.js';

const HELM_ACTION = /\{\{-?\s*(?:[^}]*?\.(?:Values|Release|Chart|Capabilities|Files|Template)\b|(?:include|template|define|tpl)\s|toYaml\b|if\s|range\s|with\s|end\s*-?\}\})/;

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
  const { text } = file;
  for (let index = text.indexOf('{{'); index !== -1; index = text.indexOf('{{', index + 2)) {
    const lineStart = text.lastIndexOf('\n', index) + 1;
    if (/(^|\s)#/.test(text.slice(lineStart, index))) continue;
    if (!scalarRanges.some(([start, end]) => index >= start && index < end)) return true;
  }
  return false;
}
