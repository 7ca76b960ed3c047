// Every format's exact output for one made-up run: golden strings, so that a change to what CI systems read
// is a deliberate one. The run has every severity, a fix and a suggestion, text that needs escaping in every
// format (%, quotes, <, &, a newline, a control character), a path with `,` and `:`, and files skipped for
// each kind of reason; positions agree with the source text.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { FileResult, LintMessage } from '@podlint/core';
import { rules } from '@podlint/rules';
import { runLint } from '../run.js';
import { escapeData, escapeProperty } from './github.js';
import { FORMATTERS } from './index.js';
import { escapeXml } from './junit.js';
import type { FormatterContext, ReportedFile } from './types.js';

const APP_SOURCE = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - image: nginx:latest\n';

function message(fields: Partial<LintMessage> & Pick<LintMessage, 'ruleId' | 'severity' | 'message' | 'offsets'>, line: number, columns: [number, number]): LintMessage {
  return {
    messageId: 'sample',
    filePath: '/repo/k8s/app.yaml',
    range: { start: { line, character: columns[0] }, end: { line, character: columns[1] } },
    ...fields,
  };
}

const web = { apiVersion: 'v1', kind: 'Pod', namespace: 'prod', name: 'web' };

const SAMPLE_RESULTS: ReportedFile[] = [
  {
    filePath: '/repo/k8s/app.yaml',
    source: APP_SOURCE,
    counts: { resources: 1, emptyLists: 0, unlintedListItems: 0, unlintedDocuments: 0, otherDocuments: 0, brokenDocuments: 0 },
    messages: [
      message(
        { ruleId: 'bare-pod', severity: 'error', message: 'Pod "web" is 100% <bare> & alone,\nnext: run it from a Deployment.', offsets: [21, 24], object: web, fix: { edits: [{ range: [21, 24], text: 'Deployment' }] } },
        1,
        [6, 9],
      ),
      message(
        {
          ruleId: 'image-tag-latest',
          severity: 'warning',
          message: 'Image "nginx:latest" uses :latest.',
          offsets: [80, 92],
          object: web,
          suggestions: [{ messageId: 'pin', message: 'Pin nginx:1.27.', fix: { edits: [{ range: [86, 92], text: '1.27' }] } }],
        },
        6,
        [13, 25],
      ),
      message({ ruleId: 'internal-error', severity: 'info', message: 'A note with a bell \u0007 in it.', offsets: [0, 10] }, 0, [0, 10]),
    ],
  },
  {
    filePath: '/repo/k8s/clean.yaml',
    source: 'kind: ConfigMap\n',
    counts: { resources: 1, emptyLists: 0, unlintedListItems: 0, unlintedDocuments: 0, otherDocuments: 0, brokenDocuments: 0 },
    messages: [],
  },
  skipped('/repo/secret.yaml', { kind: 'unreadable', message: 'unreadable: permission denied' }),
  skipped('/repo/chart,v1:x/templates/pod.yaml', { kind: 'template', message: 'skipped: a Helm/Go template ({{ }}), not YAML until rendered' }),
];

function skipped(filePath: string, reason: NonNullable<FileResult['skipped']>): ReportedFile {
  return { filePath, messages: [], skipped: reason, counts: { resources: 0, emptyLists: 0, unlintedListItems: 0, unlintedDocuments: 0, otherDocuments: 0, brokenDocuments: 0 } };
}

const SAMPLE_CONTEXT: FormatterContext = {
  cwd: '/repo',
  color: false,
  version: '9.9.9',
  rulesMeta: {
    'bare-pod': { description: 'A Pod that no controller manages.', url: 'https://example.test/rules/bare-pod.md', severity: 'warning' },
    'image-tag-latest': { description: 'An image with no tag or :latest.', url: 'https://example.test/rules/image-tag-latest.md', severity: 'warning' },
  },
};

async function format(name: string, results: readonly ReportedFile[] = SAMPLE_RESULTS, context = SAMPLE_CONTEXT): Promise<string> {
  return (await FORMATTERS[name]!())(results, context).join('');
}

const require = createRequire(import.meta.url);
const SARIF_SCHEMA = '@microsoft/sarif-multitool-linux/sarif-2.1.0.json';

/** The schema comes with the SARIF SDK's Linux package, an optional dependency of the workspace. */
function sarifSchemaMissing(): string | false {
  try {
    require.resolve(SARIF_SCHEMA);
    return false;
  } catch {
    return `${SARIF_SCHEMA} is not installed (an optional dependency, Linux only)`;
  }
}

function compileSarifSchema() {
  const schema = JSON.parse(readFileSync(require.resolve(SARIF_SCHEMA), 'utf8')) as { $schema: string };
  // The schema is written in JSON Schema 2020-12; its uri, uri-reference and date-time formats are checked too.
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  const Ajv2020 = (require('ajv/dist/2020') as { default: new (options: object) => SchemaCompiler }).default;
  const addFormats = (require('ajv-formats') as { default: (ajv: SchemaCompiler) => void }).default;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

interface SchemaCompiler {
  compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown };
}

const lines = (...items: string[]) => items.map((item) => `${item}\n`).join('');

describe('formatters', () => {
  it('give the report in pieces, none holding more than one file or problem, that join into the whole', async () => {
    // A run of a million problems makes a report longer than one string may be: no formatter joins it.
    const many: ReportedFile[] = Array.from({ length: 300 }, (_, index) => ({ ...SAMPLE_RESULTS[0]!, filePath: `/repo/app-${index}.yaml` }));
    // Line and paragraph separators in a message stay inside its JSON string, unindented.
    many[1] = { ...many[1]!, messages: many[1]!.messages.map((message) => ({ ...message, message: `${message.message}\u2028\u2029\r\nend` })) };
    const problems = many.reduce((sum, result) => sum + result.messages.length, 0);
    assert.ok(problems >= 300);
    const pieces = async (name: string) => (await FORMATTERS[name]!())(many, SAMPLE_CONTEXT);
    const json = await pieces('json');
    assert.equal(json.length, many.length + 2);
    assert.equal(JSON.stringify(JSON.parse(json.join(''))), json.join(''));
    const sarif = await pieces('sarif');
    assert.equal(sarif.length, problems + 2);
    const log = JSON.parse(sarif.join('')) as { runs: { results: { message: { text: string } }[] }[] };
    assert.equal(`${JSON.stringify(log, null, 2)}\n`, sarif.join(''));
    assert.deepEqual(
      log.runs[0]!.results.map((result) => result.message.text),
      many.flatMap((result) => result.messages.map((message) => message.message)),
    );
    for (const name of ['stylish', 'compact', 'github', 'junit']) {
      const report = await pieces(name);
      assert.ok(report.length >= many.length, `${name}: ${report.length} pieces`);
      assert.ok(Math.max(...report.map((piece) => piece.length)) < 2000, name);
    }
  });

  it('stylish', async () => {
    assert.equal(
      await format('stylish'),
      lines(
        'k8s/app.yaml',
        '  2:7   error    Pod "web" is 100% <bare> & alone, next: run it from a Deployment.  bare-pod',
        '  7:14  warning  Image "nginx:latest" uses :latest.  image-tag-latest',
        '  1:1   info     A note with a bell \\u0007 in it.  internal-error',
        '',
        'secret.yaml',
        '  unreadable: permission denied',
        '',
        'chart,v1:x/templates/pod.yaml',
        '  skipped: a Helm/Go template ({{ }}), not YAML until rendered',
        '',
        '✖ 3 problems (1 error, 1 warning, 1 info) (2 files linted, 2 objects, 1 file skipped, 1 file not read)',
        '  1 of them can be fixed automatically.',
      ),
    );
  });

  it('stylish says what --fix, --fix-dry-run and the baseline did', async () => {
    const results: ReportedFile[] = [{ ...SAMPLE_RESULTS[1]!, output: 'kind: ConfigMap\n', fixed: 2, baselined: 3 }];
    const summary = lines('✔ no problems (1 file linted, 1 object)', '  Applied 2 fixes in 1 file.', '  3 known problems not shown: the baseline records them.');
    assert.equal(await format('stylish', results, { ...SAMPLE_CONTEXT, fixMode: 'fix' }), summary);
    assert.equal(
      await format('stylish', results, { ...SAMPLE_CONTEXT, fixMode: 'dry-run' }),
      summary.replace('  Applied 2 fixes in 1 file.', '  2 fixes in 1 file would be applied (--fix-dry-run wrote nothing).'),
    );
  });

  it('compact: one line per problem, line breaks in messages folded, other controls escaped', async () => {
    assert.equal(
      await format('compact'),
      lines(
        'k8s/app.yaml:2:7: error Pod "web" is 100% <bare> & alone, next: run it from a Deployment. [bare-pod]',
        'k8s/app.yaml:7:14: warning Image "nginx:latest" uses :latest. [image-tag-latest]',
        'k8s/app.yaml:1:1: info A note with a bell \\u0007 in it. [internal-error]',
        'secret.yaml: unreadable: permission denied',
        'chart,v1:x/templates/pod.yaml: skipped: a Helm/Go template ({{ }}), not YAML until rendered',
      ),
    );
  });

  it('stylish and compact print a file name and a message each on their one line, their controls escaped', async () => {
    // A file name with a line break and a screen-clearing escape; a crash's reason over two lines, with a \r.
    const evil: ReportedFile = {
      ...SAMPLE_RESULTS[1]!,
      filePath: '/repo/evil\n\u001b[2Jname.yaml',
      messages: [message({ ruleId: 'internal-error', severity: 'error', message: 'Rule failed: boom\r\n  at \u001b]0;title\u0007x', offsets: [0, 4] }, 0, [0, 4])],
    };
    assert.equal(
      await format('compact', [evil]),
      lines('evil\\n\\u001b[2Jname.yaml:1:1: error Rule failed: boom at \\u001b]0;title\\u0007x [internal-error]'),
    );
    const stylish = await format('stylish', [evil]);
    assert.equal(stylish.split('\n').slice(0, 2).join('\n'), 'evil\\n\\u001b[2Jname.yaml\n  1:1  error  Rule failed: boom at \\u001b]0;title\\u0007x  internal-error');
    assert.doesNotMatch(stylish, /[\u0000-\u0009\u000b-\u001f]/);
  });

  it('github: workflow commands with escaped data and properties', async () => {
    assert.equal(
      await format('github'),
      lines(
        '::error file=k8s/app.yaml,line=2,endLine=2,col=7,endColumn=10,title=bare-pod::Pod "web" is 100%25 <bare> & alone,%0Anext: run it from a Deployment.',
        '::warning file=k8s/app.yaml,line=7,endLine=7,col=14,endColumn=26,title=image-tag-latest::Image "nginx:latest" uses :latest.',
        '::notice file=k8s/app.yaml,line=1,endLine=1,col=1,endColumn=11,title=internal-error::A note with a bell \u0007 in it.',
        '::error file=secret.yaml,title=podlint::unreadable: permission denied',
        '::notice file=chart%2Cv1%3Ax/templates/pod.yaml,title=podlint::skipped: a Helm/Go template ({{ }}), not YAML until rendered',
        'podlint: 1 error, 1 warning, 1 info in 2 files',
      ),
    );
    assert.equal(escapeData('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext: a, b');
    assert.equal(escapeProperty('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext%3A a%2C b');
  });

  it('junit: a testcase per file, a failure per problem, errors and skips', async () => {
    assert.equal(
      await format('junit'),
      lines(
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="podlint" tests="4" failures="1" errors="1" skipped="1">',
        '  <testsuite name="podlint" tests="4" failures="1" errors="1" skipped="1">',
        '    <testcase classname="podlint" name="k8s/app.yaml" file="k8s/app.yaml">',
        '      <failure type="bare-pod" message="Pod &quot;web&quot; is 100% &lt;bare&gt; &amp; alone,&#10;next: run it from a Deployment.">2:7 error Pod &quot;web&quot; is 100% &lt;bare&gt; &amp; alone,&#10;next: run it from a Deployment. [bare-pod]</failure>',
        '      <failure type="image-tag-latest" message="Image &quot;nginx:latest&quot; uses :latest.">7:14 warning Image &quot;nginx:latest&quot; uses :latest. [image-tag-latest]</failure>',
        '      <failure type="internal-error" message="A note with a bell \uFFFD in it.">1:1 info A note with a bell \uFFFD in it. [internal-error]</failure>',
        '    </testcase>',
        '    <testcase classname="podlint" name="k8s/clean.yaml" file="k8s/clean.yaml"/>',
        '    <testcase classname="podlint" name="secret.yaml" file="secret.yaml">',
        '      <error message="unreadable: permission denied"/>',
        '    </testcase>',
        '    <testcase classname="podlint" name="chart,v1:x/templates/pod.yaml" file="chart,v1:x/templates/pod.yaml">',
        '      <skipped message="skipped: a Helm/Go template ({{ }}), not YAML until rendered"/>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
      ),
    );
    assert.equal(escapeXml(`a'b"c<d>e&f\tg\rh\n\u0000\uD800 \u{1F600}`), 'a&apos;b&quot;c&lt;d&gt;e&amp;f&#9;g&#13;h&#10;\uFFFD\uFFFD \u{1F600}');
  });

  it('json: ESLint results with levels, the object, fixes, suggestions, skips and output', async () => {
    const withOutput: ReportedFile[] = [{ ...SAMPLE_RESULTS[1]!, output: 'kind: Fixed\n' }];
    assert.equal(
      await format('json', withOutput),
      '[{"filePath":"/repo/k8s/clean.yaml","messages":[],"errorCount":0,"fatalErrorCount":0,"warningCount":0,"infoCount":0,"fixableErrorCount":0,"fixableWarningCount":0,"output":"kind: Fixed\\n","counts":{"resources":1,"emptyLists":0,"unlintedListItems":0,"unlintedDocuments":0,"otherDocuments":0,"brokenDocuments":0}}]',
    );
    const [app, , secret] = JSON.parse(await format('json')) as Record<string, unknown>[];
    assert.deepEqual((app!.messages as Record<string, unknown>[]).map((message) => [message.ruleId, message.level, message.line, message.column, message.endColumn]), [
      ['bare-pod', 'error', 2, 7, 10],
      ['image-tag-latest', 'warning', 7, 14, 26],
      ['internal-error', 'info', 1, 1, 11],
    ]);
    assert.deepEqual((app!.messages as Record<string, unknown>[])[0]!.fix, { range: [21, 24], text: 'Deployment' });
    assert.deepEqual(secret!.skipped, { kind: 'unreadable', message: 'unreadable: permission denied' });
  });

  it('sarif: rules, exact regions, logical locations, fixes and notifications', async () => {
    const text = await format('sarif');
    const expected = {
      '$schema': 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'podlint',
              version: '9.9.9',
              semanticVersion: '9.9.9',
              informationUri: 'https://github.com/podlint/podlint',
              rules: [
                {
                  id: 'bare-pod',
                  shortDescription: { text: 'A Pod that no controller manages.' },
                  helpUri: 'https://example.test/rules/bare-pod.md',
                  defaultConfiguration: { level: 'warning' }
                },
                {
                  id: 'image-tag-latest',
                  shortDescription: { text: 'An image with no tag or :latest.' },
                  helpUri: 'https://example.test/rules/image-tag-latest.md',
                  defaultConfiguration: { level: 'warning' }
                },
                { id: 'internal-error' }
              ]
            }
          },
          invocations: [
            {
              executionSuccessful: false,
              toolExecutionNotifications: [
                {
                  level: 'error',
                  message: { text: 'unreadable: permission denied' },
                  locations: [
                    { physicalLocation: { artifactLocation: { uri: 'secret.yaml', uriBaseId: '%SRCROOT%' } } }
                  ]
                },
                {
                  level: 'note',
                  message: { text: 'skipped: a Helm/Go template ({{ }}), not YAML until rendered' },
                  locations: [
                    { physicalLocation: { artifactLocation: { uri: 'chart%2Cv1%3Ax/templates/pod.yaml', uriBaseId: '%SRCROOT%' } } }
                  ]
                }
              ]
            }
          ],
          originalUriBaseIds: { '%SRCROOT%': { uri: 'file:///repo/' } },
          columnKind: 'utf16CodeUnits',
          results: [
            {
              ruleId: 'bare-pod',
              ruleIndex: 0,
              level: 'error',
              message: { text: 'Pod "web" is 100% <bare> & alone,\nnext: run it from a Deployment.' },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: 'k8s/app.yaml', uriBaseId: '%SRCROOT%' },
                    region: { startLine: 2, startColumn: 7, endLine: 2, endColumn: 10 }
                  },
                  logicalLocations: [ { kind: 'resource', name: 'web', fullyQualifiedName: 'v1/Pod/prod/web' } ]
                }
              ],
              fixes: [
                {
                  artifactChanges: [
                    {
                      artifactLocation: { uri: 'k8s/app.yaml', uriBaseId: '%SRCROOT%' },
                      replacements: [
                        {
                          deletedRegion: { startLine: 2, startColumn: 7, endLine: 2, endColumn: 10 },
                          insertedContent: { text: 'Deployment' }
                        }
                      ]
                    }
                  ]
                }
              ]
            },
            {
              ruleId: 'image-tag-latest',
              ruleIndex: 1,
              level: 'warning',
              message: { text: 'Image "nginx:latest" uses :latest.' },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: 'k8s/app.yaml', uriBaseId: '%SRCROOT%' },
                    region: { startLine: 7, startColumn: 14, endLine: 7, endColumn: 26 }
                  },
                  logicalLocations: [ { kind: 'resource', name: 'web', fullyQualifiedName: 'v1/Pod/prod/web' } ]
                }
              ],
              fixes: [
                {
                  description: { text: 'Pin nginx:1.27.' },
                  artifactChanges: [
                    {
                      artifactLocation: { uri: 'k8s/app.yaml', uriBaseId: '%SRCROOT%' },
                      replacements: [
                        {
                          deletedRegion: { startLine: 7, startColumn: 20, endLine: 7, endColumn: 26 },
                          insertedContent: { text: '1.27' }
                        }
                      ]
                    }
                  ]
                }
              ]
            },
            {
              ruleId: 'internal-error',
              ruleIndex: 2,
              level: 'note',
              message: { text: 'A note with a bell \x07 in it.' },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: 'k8s/app.yaml', uriBaseId: '%SRCROOT%' },
                    region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 11 }
                  }
                }
              ]
            }
          ]
        }
      ]
    };
    assert.equal(text, `${JSON.stringify(expected, null, 2)}\n`);
  });

  it('sarif: valid against the SARIF 2.1.0 JSON schema', { skip: sarifSchemaMissing() }, async () => {
    const validate = compileSarifSchema();
    const sample = JSON.parse(await format('sarif')) as unknown;
    assert.ok(validate(sample), JSON.stringify(validate.errors, null, 2));
    // A real run too: built-in rules, a file outside the working directory (a file: URI) and stdin.
    const root = mkdtempSync(join(tmpdir(), 'podlint-sarif-'));
    mkdirSync(join(root, 'repo'));
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx\n';
    writeFileSync(join(root, 'repo', 'pod.yaml'), pod);
    writeFileSync(join(root, 'outside.yaml'), 'a: [\n');
    const outcome = await runLint({ paths: ['pod.yaml', '../outside.yaml', '-'], cwd: join(root, 'repo'), registry: rules, stdin: { text: pod } });
    const context = { ...SAMPLE_CONTEXT, cwd: join(root, 'repo') };
    const log = JSON.parse(await format('sarif', outcome.results, context)) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    const uris = new Set(log.runs[0]!.results.map((result) => result.locations[0]!.physicalLocation.artifactLocation.uri));
    assert.deepEqual([...uris].sort(), ['%3Cstdin%3E', `file://${join(root, 'outside.yaml')}`, 'pod.yaml']);
  });
});
