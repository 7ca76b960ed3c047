// Builds podlint's Kubernetes API schemas at build time from the pinned npm package kubernetes-models (a
// devDependency of packages/core; see docs/schema.md). Nothing here runs when podlint lints: the CLI reads only
// the generated files in packages/core/generated/kubernetes/.
//
// Source of truth, per fact:
// - structure, required fields, enums and descriptions: the package's TypeScript declarations (*.d.ts), read
//   with the TypeScript parser (no type checking);
// - integer or floating point, int32 or int64 (the declarations say only `number`): the package's own compiled
//   validators, asked about a fractional and an out-of-int32 value for each numeric field.
//
// Output, one pair of files per API group/version (so a run that meets only Deployments reads apps/v1, core v1
// and meta v1, nothing else):
//   <module>.json       { defs: { Name: node } }            the shapes the validator walks
//   <module>.docs.json  { Name: { "": type doc, field: doc } } descriptions, read only for hover/completion
//   index.json          { kubernetesVersion, source, kinds: { apiVersion: { Kind: "module#Name" } } }
// A node is a string ('s' string, 'i32'/'i64' integer, 'n' number, 'b' boolean, 'q' quantity, 'ios' int or string,
// 'a' anything, 'module#Name' a reference) or an object: {o: {field: node}, r: [required]} an object,
// {l: node} a list, {m: node} a map, {e: [values]} a string enum.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outputDir = join(root, 'packages/core/generated/kubernetes');
const coreRequire = createRequire(join(root, 'packages/core/package.json'));
const ts = createRequire(join(root, 'package.json'))('typescript');

const modelsDir = dirname(coreRequire.resolve('kubernetes-models/package.json'));
const machineryDir = dirname(createRequire(join(modelsDir, 'package.json')).resolve('@kubernetes-models/apimachinery/package.json'));
const modelsVersion = JSON.parse(readFileSync(join(modelsDir, 'package.json'), 'utf8')).version;
const machineryVersion = JSON.parse(readFileSync(join(machineryDir, 'package.json'), 'utf8')).version;

// Custom resources of popular projects, from the same generator's packages: their kinds are checked like built-in
// ones instead of getting unknown-kind. Generated from the projects' Go API types, like the Kubernetes spec.
const CUSTOM_RESOURCE_PACKAGES = ['@kubernetes-models/gateway-api', '@kubernetes-models/prometheus-operator', '@kubernetes-models/cert-manager'];
const customResourceDirs = CUSTOM_RESOURCE_PACKAGES.map((name) => dirname(coreRequire.resolve(`${name}/package.json`)));
const packageVersions = [modelsDir, machineryDir, ...customResourceDirs].map((directory) => {
  const { name, version } = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
  return `${name}@${version}`;
});

// kubernetes-models 5.x is generated from the Kubernetes v1.36.0 OpenAPI spec (its CHANGELOG, 5.0.0), merged with
// the specs of older releases so that removed API versions keep their types.
const KUBERNETES_VERSION = '1.36.0';

const stamp = createHash('sha256')
  .update(readFileSync(fileURLToPath(import.meta.url)))
  .update(packageVersions.join(' '))
  .digest('hex')
  .slice(0, 16);
const stampFile = join(outputDir, 'STAMP');
if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp && !process.argv.includes('--force')) process.exit(0);

const started = performance.now();

/** Scalars of apimachinery that are written inline instead of referenced. */
const INLINE_ALIASES = {
  IoK8sApimachineryPkgApiResourceQuantity: 'q',
  IoK8sApimachineryPkgUtilIntstrIntOrString: 'ios',
  IoK8sApimachineryPkgApisMetaV1Time: 's',
  IoK8sApimachineryPkgApisMetaV1MicroTime: 's',
};

/** Every declaration file that holds one definition: [package dir, relative path]. */
function declarationFiles() {
  const files = [];
  const walk = (base, directory) => {
    for (const entry of readdirSync(join(base, directory), { withFileTypes: true })) {
      const path = directory ? `${directory}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== '_schemas' && entry.name !== 'node_modules') walk(base, path);
      } else if (entry.name.endsWith('.d.ts') && entry.name !== 'index.d.ts') {
        files.push([base, path]);
      }
    }
  };
  for (const base of [modelsDir, machineryDir, ...customResourceDirs]) walk(base, '');
  return files;
}

/** The module (group/version) a declaration file belongs to: `v1` (core), `apps/v1`, `meta/v1`... */
function moduleOf(base, path) {
  const directory = dirname(path);
  if (base === machineryDir) return directory.replace(/^apis\//, '').replace(/^api\//, '').replace(/\//g, '.') === 'meta.v1' ? 'meta/v1' : `machinery/${directory}`;
  return directory;
}

const definitions = new Map(); // id -> { module, name, file, base, interface or alias node, source file }

for (const [base, path] of declarationFiles()) {
  const text = readFileSync(join(base, path), 'utf8');
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const aliasMatch = /export type \{ (\w+) as I(\w+),/.exec(text);
  if (!aliasMatch) continue;
  const [, localName, id] = aliasMatch;
  if (definitions.has(id)) continue;
  const imports = new Set();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !statement.importClause?.namedBindings || !ts.isNamedImports(statement.importClause.namedBindings)) continue;
    for (const element of statement.importClause.namedBindings.elements) imports.add(element.name.text);
  }
  let declaration;
  for (const statement of source.statements) {
    if ((ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) && statement.name.text === localName) declaration = statement;
  }
  if (!declaration) throw new Error(`${path}: no declaration of ${localName}`);
  const module = moduleOf(base, path);
  definitions.set(id, { id, module, name: path.split('/').pop().replace(/\.d\.ts$/, ''), base, path, source, declaration, imports });
}

function refOf(id) {
  if (INLINE_ALIASES[id]) return INLINE_ALIASES[id];
  const definition = definitions.get(id);
  if (!definition) throw new Error(`unknown definition ${id}`);
  if (isOpen(definition)) return 'a';
  return `${definition.module}#${definition.name}`;
}

/** Empty interfaces (RawExtension, JSON, FieldsV1, JSONSchemaPropsOrBool...) hold any JSON: x-kubernetes-preserve-unknown-fields. */
function isOpen(definition) {
  return ts.isInterfaceDeclaration(definition.declaration) && definition.declaration.members.length === 0 && !definition.declaration.heritageClauses;
}

function jsDocOf(node) {
  const docs = node.jsDoc ?? [];
  const text = docs.map((doc) => (typeof doc.comment === 'string' ? doc.comment : (doc.comment ?? []).map((part) => part.text).join(''))).join('\n');
  return text.trim();
}

/** Converts a declared type to a node; `numbers` collects numeric fields for probing. */
function typeNode(type, definition, numericPath, numbers) {
  switch (type.kind) {
    case ts.SyntaxKind.StringKeyword:
      return 's';
    case ts.SyntaxKind.BooleanKeyword:
      return 'b';
    case ts.SyntaxKind.NumberKeyword:
      numbers.push(numericPath);
      return { number: numericPath };
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
      return 'a';
    case ts.SyntaxKind.LiteralType:
      if (ts.isStringLiteral(type.literal)) return { e: [type.literal.text] };
      break;
    case ts.SyntaxKind.UnionType: {
      const parts = type.types;
      if (parts.every((part) => ts.isLiteralTypeNode(part) && ts.isStringLiteral(part.literal))) return { e: parts.map((part) => part.literal.text).sort() };
      if (parts.every((part) => ts.isLiteralTypeNode(part) && ts.isNumericLiteral(part.literal))) return { e: parts.map((part) => Number(part.literal.text)).sort((a, b) => a - b) };
      const kinds = new Set(parts.map((part) => part.kind));
      if (kinds.size === 2 && kinds.has(ts.SyntaxKind.StringKeyword) && kinds.has(ts.SyntaxKind.NumberKeyword)) return 'ios';
      break;
    }
    case ts.SyntaxKind.TypeReference: {
      const name = type.typeName.getText();
      if (name === 'Array') return { l: typeNode(type.typeArguments[0], definition, [...numericPath, 0], numbers) };
      // Imported names are the definitions' ids with an `I` in front (IIoK8sApiCoreV1Container).
      if (definition.imports.has(name)) return refOf(name.slice(1));
      // A reference to the file's own interface (JSONSchemaProps inside JSONSchemaProps).
      if (ts.isInterfaceDeclaration(definition.declaration) && name === definition.declaration.name.text) return `${definition.module}#${definition.name}`;
      break;
    }
    case ts.SyntaxKind.TypeLiteral: {
      const index = type.members.find((member) => ts.isIndexSignatureDeclaration(member));
      if (index && type.members.length === 1) return { m: typeNode(index.type, definition, [...numericPath, 'key'], numbers) };
      // An inline object (the PersistentVolumeClaim of volumeClaimTemplates, patched by the package's generator).
      return objectNode(type.members, false, definition, numericPath, numbers, {});
    }
    case ts.SyntaxKind.IndexedAccessType:
      return 's';
  }
  throw new Error(`${definition.path}: unsupported type ${ts.SyntaxKind[type.kind]} "${type.getText()}"`);
}

function objectNode(members, embedsTypeMeta, definition, numericPath, numbers, docs) {
  const properties = {};
  const required = [];
  for (const member of members) {
    if (!ts.isPropertySignature(member)) continue;
    const name = member.name.text ?? member.name.getText();
    const isTypeMeta = embedsTypeMeta && (name === 'apiVersion' || name === 'kind');
    properties[name] = isTypeMeta ? 's' : typeNode(member.type, definition, [...numericPath, name], numbers);
    // apiVersion and kind are checked where an object starts; an embedded object (volumeClaimTemplates) may omit them.
    if (!member.questionToken && !isTypeMeta) required.push(name);
    const doc = jsDocOf(member);
    if (doc) docs[name] = doc;
  }
  const node = { o: properties };
  if (required.length > 0) node.r = required;
  return node;
}

/**
 * Fields the API server requires although the OpenAPI spec does not mark them: a container's image is checked by
 * validation for pods and pod templates alike (shared/reference/api-validation.md, B3).
 */
const REQUIRED_BY_VALIDATION = {
  IoK8sApiCoreV1Container: ['image'],
};

function buildDefinition(definition) {
  const numbers = [];
  const docs = {};
  const { declaration } = definition;
  const typeDoc = jsDocOf(declaration);
  if (typeDoc) docs[''] = typeDoc;
  if (ts.isTypeAliasDeclaration(declaration)) {
    return { node: typeNode(declaration.type, definition, [], numbers), docs, numbers };
  }
  const embedsTypeMeta = (declaration.heritageClauses ?? []).some((clause) => clause.types.some((type) => type.expression.getText() === 'TypeMeta'));
  const node = objectNode(declaration.members, embedsTypeMeta, definition, [], numbers, docs);
  const extra = (REQUIRED_BY_VALIDATION[definition.id] ?? []).filter((field) => !(node.r ?? []).includes(field));
  if (extra.length > 0) node.r = [...(node.r ?? []), ...extra];
  return { node, docs, numbers };
}

/** Asks the package's compiled validator whether each numeric field takes only integers, and of which width. */
async function probeNumbers(definition, numbers) {
  const base = definition.base;
  const validatorFile = join(base, '_schemas', `${definition.id}.js`);
  const { validate } = await import(pathToFileURL(validatorFile).href);
  const sample = (value) => {
    const data = {};
    for (const path of numbers) {
      let target = data;
      for (let index = 0; index < path.length - 1; index += 1) {
        const segment = path[index];
        const next = path[index + 1];
        target[segment] ??= typeof next === 'number' ? [] : {};
        target = target[segment];
      }
      target[path[path.length - 1]] = value;
    }
    return data;
  };
  const errorsFor = (value) => {
    validate(sample(value));
    return validate.errors ?? [];
  };
  const pointer = (path) => `/${path.join('/')}`;
  const fractional = errorsFor(0.5);
  const wide = errorsFor(2 ** 40);
  return numbers.map((path) => {
    const at = pointer(path);
    const integer = fractional.some((error) => error.instancePath === at && error.keyword === 'type' && error.params.type === 'integer');
    if (!integer) return 'n';
    return wide.some((error) => error.instancePath === at && error.keyword === 'format' && error.params.format === 'int32') ? 'i32' : 'i64';
  });
}

function replaceNumbers(node, kinds) {
  if (typeof node !== 'object' || node === null) return node;
  if (node.number) return kinds.get(node.number.join('/'));
  if (node.o) return { ...node, o: Object.fromEntries(Object.entries(node.o).map(([key, value]) => [key, replaceNumbers(value, kinds)])) };
  if (node.l) return { l: replaceNumbers(node.l, kinds) };
  if (node.m) return { m: replaceNumbers(node.m, kinds) };
  return node;
}

const modules = new Map(); // module -> { defs, docs }
const kinds = {};
/** Kinds of the bundled custom resource packages: a CRD found in the linted files takes precedence over them. */
const customKinds = {};
let probed = 0;

const builtDefinitions = new Map();

/** A definition's node and docs, numbers probed, with the fields of the interfaces it extends (Gateway API does that). */
function built(definition) {
  let promise = builtDefinitions.get(definition.id);
  if (!promise) {
    promise = (async () => {
      let { node, docs, numbers } = buildDefinition(definition);
      if (numbers.length > 0) {
        const widths = await probeNumbers(definition, numbers);
        probed += numbers.length;
        node = replaceNumbers(node, new Map(numbers.map((path, index) => [path.join('/'), widths[index]])));
      }
      for (const clause of ts.isInterfaceDeclaration(definition.declaration) ? (definition.declaration.heritageClauses ?? []) : []) {
        for (const type of clause.types) {
          const name = type.expression.getText();
          if (name === 'TypeMeta' || !definition.imports.has(name)) continue;
          const parent = definitions.get(name.slice(1));
          if (!parent) throw new Error(`${definition.path}: extends unknown ${name}`);
          const inherited = await built(parent);
          node = { ...node, o: { ...inherited.node.o, ...node.o } };
          const required = [...new Set([...(inherited.node.r ?? []), ...(node.r ?? [])])];
          if (required.length > 0) node.r = required;
          docs = { ...inherited.docs, ...docs };
        }
      }
      return { node, docs };
    })();
    builtDefinitions.set(definition.id, promise);
  }
  return promise;
}

for (const definition of definitions.values()) {
  if (INLINE_ALIASES[definition.id] || isOpen(definition)) continue;
  const { node, docs } = await built(definition);
  const entry = modules.get(definition.module) ?? { defs: {}, docs: {} };
  entry.defs[definition.name] = node;
  if (Object.keys(docs).length > 0) entry.docs[definition.name] = docs;
  modules.set(definition.module, entry);
  const declaration = definition.declaration;
  if (ts.isInterfaceDeclaration(declaration)) {
    const literal = (field) => {
      const member = declaration.members.find((item) => ts.isPropertySignature(item) && item.name.text === field);
      return member && ts.isLiteralTypeNode(member.type) && ts.isStringLiteral(member.type.literal) ? member.type.literal.text : undefined;
    };
    const apiVersion = literal('apiVersion');
    const kind = literal('kind');
    const table = customResourceDirs.includes(definition.base) ? customKinds : kinds;
    if (apiVersion && kind) (table[apiVersion] ??= {})[kind] = `${definition.module}#${definition.name}`;
  }
}

rmSync(outputDir, { recursive: true, force: true });
mkdirSync(outputDir, { recursive: true });
const fileOf = (module) => module.replace(/\//g, '_');
let bytes = 0;
for (const [module, entry] of [...modules].sort(([a], [b]) => a.localeCompare(b))) {
  const defs = JSON.stringify({ defs: sortKeys(entry.defs) });
  const docs = JSON.stringify(sortKeys(entry.docs));
  writeFileSync(join(outputDir, `${fileOf(module)}.json`), defs);
  writeFileSync(join(outputDir, `${fileOf(module)}.docs.json`), docs);
  bytes += defs.length;
}
const index = {
  kubernetesVersion: KUBERNETES_VERSION,
  source: packageVersions.join(' + '),
  kinds: sortKeys(Object.fromEntries(Object.entries(kinds).map(([apiVersion, byKind]) => [apiVersion, sortKeys(byKind)]))),
  customKinds: sortKeys(Object.fromEntries(Object.entries(customKinds).map(([apiVersion, byKind]) => [apiVersion, sortKeys(byKind)]))),
};
writeFileSync(join(outputDir, 'index.json'), JSON.stringify(index));
writeFileSync(stampFile, stamp);
const kindCount = [...Object.values(kinds), ...Object.values(customKinds)].reduce((sum, byKind) => sum + Object.keys(byKind).length, 0);
console.log(
  `kubernetes schemas: ${definitions.size} definitions, ${kindCount} kinds, ${modules.size} modules, ${probed} numeric fields probed, ` +
    `${(bytes / 1024).toFixed(0)} KiB of shapes in ${relative(root, outputDir)} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
);

function sortKeys(object) {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => a.localeCompare(b)));
}
