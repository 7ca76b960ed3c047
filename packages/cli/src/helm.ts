// `helm template` output read from stdin: every document starts with `# Source: <chart>/templates/<file>`.
// The documents of each template file are linted as that file, their text starting on the line after the
// comment, so a problem is reported in the template at the line of the rendered document: the template's own
// line wherever its {{ }} actions add or remove no lines. A template that renders several documents has them
// joined by `---`, as the template itself separates them. Documents without a Source comment stay with
// stdin, at the lines they have in the stream.
import { resolve } from 'node:path';

export interface HelmStream {
  /** Rendered text by template file (resolved against the source root), in the order of the stream. */
  templates: Map<string, string>;
  /** The documents without a Source comment, other lines blanked; undefined when there are none. */
  rest?: string;
}

const SOURCE_COMMENT = /^# Source: (\S.*?)\s*$/;
const DOCUMENT_START = /^---(?:[ \t]|\r?$)/;

/** Splits a rendered Helm stream by template, or returns undefined when the text is not one. */
export function splitHelmStream(text: string, sourceRoot: string): HelmStream | undefined {
  const lines = text.split('\n');
  const parts = new Map<string, string[]>();
  const rest = lines.map(() => '');
  let restHasContent = false;
  let start = 0;
  for (let index = 1; index <= lines.length; index += 1) {
    if (index < lines.length && !DOCUMENT_START.test(lines[index]!)) continue;
    const body = lines.slice(start, index);
    const first = body.findIndex((line, offset) => !(offset === 0 && DOCUMENT_START.test(line)) && line.trim() !== '');
    const source = first === -1 ? undefined : SOURCE_COMMENT.exec(body[first]!.replace(/\r$/, ''));
    if (source) {
      const filePath = resolve(sourceRoot, source[1]!);
      const documents = parts.get(filePath) ?? [];
      documents.push(body.slice(first + 1).join('\n').replace(/\r?\n$/, ''));
      parts.set(filePath, documents);
    } else if (first !== -1) {
      body.forEach((line, offset) => (rest[start + offset] = line));
      restHasContent = true;
    }
    start = index;
  }
  if (parts.size === 0) return undefined;
  const templates = new Map([...parts].map(([filePath, documents]) => [filePath, `${documents.join('\n---\n')}\n`]));
  return restHasContent ? { templates, rest: rest.join('\n') } : { templates };
}
