// Rewrites the generated header of every docs/rules/<id>.md from the rule's meta (STYLE.md point 11) and the
// index page docs/rules/README.md. The hand-written part below the header is kept. `--check` only compares
// and exits 1 when a page is stale or missing (the inventory test does the same).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { renderRuleHeader, renderRulesIndex, BEGIN, END } = await import(join(root, 'rules/dist/docs-utils.js'));
const { rules } = await import(join(root, 'rules/dist/index.js'));
const check = process.argv.includes('--check');
let stale = 0;

for (const [id, rule] of Object.entries(rules)) {
  const file = join(root, 'docs/rules', `${id}.md`);
  if (!existsSync(file)) {
    console.error(`missing: docs/rules/${id}.md (write its "## Why", "## Wrong" and "## Right" sections)`);
    stale += 1;
    continue;
  }
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  // The header ends with a newline of its own; the body starts after it.
  const body = start === -1 || end === -1 ? text : text.slice(end + END.length + 1);
  const next = `${renderRuleHeader(rule)}${body.startsWith('\n') ? body : `\n${body}`}`;
  if (next !== text) {
    stale += 1;
    if (!check) writeFileSync(file, next);
    console.error(`${check ? 'stale' : 'updated'}: docs/rules/${id}.md`);
  }
}
const indexFile = join(root, 'docs/rules/README.md');
const index = renderRulesIndex(rules);
if (!existsSync(indexFile) || readFileSync(indexFile, 'utf8') !== index) {
  stale += 1;
  if (!check) writeFileSync(indexFile, index);
  console.error(`${check ? 'stale' : 'updated'}: docs/rules/README.md`);
}
process.exit(check && stale > 0 ? 1 : 0);
