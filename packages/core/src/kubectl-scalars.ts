// Which plain scalars are numbers, read as kubectl reads them. sigs.k8s.io/yaml decodes manifests with go-yaml v2,
// whose YAML 1.1 resolver (resolve.go) differs from the 1.1 schema of eemeli `yaml`: it has no sexagesimal numbers
// (`1:20` is a string, not 80) and no timestamps (a date is a string), every number has a digit (`.`, `e1`, `0x_`
// are strings, not NaN), and it takes the prefixes Go's strconv takes (`0X1F`, `0B101`, `0o644` are numbers).
// yaml's own tags are kept, with their resolve and stringify; only the tests of these change, and they stay regular
// expressions without backtracking, as cheap as yaml's. Left as yaml reads them: `_` right after a sign or inside
// a prefix (`+_1`, `0_x1F`; go-yaml drops every `_` first), and explicit tags (`!!float 1`).
// Booleans (`yes`, `off`, `y`), nulls, octal `0644`, `.inf` and `.nan` are read alike by both.
import type { ScalarTag, Tags } from 'yaml';

const INT = 'tag:yaml.org,2002:int';
const FLOAT = 'tag:yaml.org,2002:float';
const TIMESTAMP = 'tag:yaml.org,2002:timestamp';

/** What each of yaml's 1.1 tags becomes: itself, copies with other tests, or nothing. Worked out once per tag. */
const replacements = new WeakMap<object, readonly ScalarTag[]>();

/**
 * yaml's YAML 1.1 tags as go-yaml v2 resolves plain scalars (for parseAllDocuments' customTags). yaml asks for the
 * tags of every document it composes, so the answer for each tag is kept.
 */
export function kubectlYamlTags(tags: Tags): Tags {
  const result: Tags = [];
  for (const tag of tags) {
    if (typeof tag !== 'object' || tag.collection !== undefined) {
      if (tag !== 'timestamp') result.push(tag);
      continue;
    }
    let replacement = replacements.get(tag);
    if (!replacement) {
      replacement = replace(tag as ScalarTag);
      replacements.set(tag, replacement);
    }
    result.push(...replacement);
  }
  return result;
}

function replace(tag: ScalarTag): readonly ScalarTag[] {
  // Timestamps and sexagesimal numbers (format TIME) are strings to go-yaml v2.
  if (tag.tag === TIMESTAMP || tag.format === 'TIME') return [];
  if (tag.tag === INT) {
    switch (tag.format) {
      case 'BIN':
        return [{ ...tag, test: /^[-+]?0[bB]_*[01][01_]*$/ }];
      case 'HEX':
        return [{ ...tag, test: /^[-+]?0[xX]_*[0-9a-fA-F][0-9a-fA-F_]*$/ }];
      case 'OCT': {
        // Go's ParseInt takes both 0644 and 0o644; yaml's octal tag reads the digits after the first character.
        const resolve = tag.resolve;
        const prefixed: ScalarTag = { ...tag, test: /^[-+]?0[oO]_*[0-7][0-7_]*$/, resolve: (text, onError, options) => resolve(text.replace(/[oO]/, ''), onError, options) };
        return [{ ...tag, test: /^[-+]?0_*[0-7][0-7_]*$/ }, prefixed];
      }
      default:
        return [tag];
    }
  }
  if (tag.tag === FLOAT) {
    // .nan and .inf are read alike. Other floats need a digit; go-yaml drops every `_` of one that starts with a
    // sign or a digit, while one that starts with `.` goes to Go's ParseFloat, which takes `_` between digits only.
    if (tag.format === 'EXP') return [{ ...tag, test: /^(?:[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?|[-+]\._*[0-9][0-9_]*|\.[0-9](?:_?[0-9])*)[eE][-+]?[0-9][0-9_]*$/ }];
    if (tag.test?.test('.nan')) return [tag];
    return [{ ...tag, test: /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*|[-+]\._*[0-9][0-9_]*|\.[0-9](?:_?[0-9])*)$/ }];
  }
  return [tag];
}
