// @podlint/core: the engine's public API.
export * from './types.js';
export { SourceFile, SourceDocument, MAX_ALIAS_COUNT, lineAt, lineStartsOf, type YamlProblem } from './source.js';
export { rangeOfPath, nodeAtPath, walkPath, firstLineOf, firstLineAt, type PathLookup, type RangeTarget } from './ranges.js';
export * from './kubernetes.js';
export * from './names.js';
export { parseImageReference, type ImageReference } from './images.js';
export * from './rule.js';
export { ProjectIndex } from './project.js';
export * from './config.js';
export { Suppressions, IGNORE_ANNOTATION } from './suppressions.js';
export { templateSkipMessage } from './templates.js';
export { applyFixes, selectFixes, type FixOutcome, type FixSelection } from './fixes.js';
export { Linter, INTERNAL_ERROR_RULE, compareMessages, type LintInput, type LinterOptions, type PreparedFile } from './linter.js';
export { LintTimings, type RuleTime, type TimingsRecord } from './timings.js';
export { transferableResources, detachedResources, type TransferredFile } from './transfer.js';
export { PreparedRun, parsedTextBudget } from './prepared-run.js';
export { didYouMean, editDistance, SuggestionBudget } from './did-you-mean.js';
export { parseKubernetesVersion, compareKubernetesVersions, isAtLeast, type KubernetesVersion } from './versions.js';
export {
  podTemplates,
  namespacesOverlap,
  equalitySelector,
  selectorMatches,
  carriesLabel,
  inRunOrder,
  selectedPodTemplates,
  selectionKey,
  matchingPodTemplates,
  equalitySelectorKey,
  selectsAnyPodTemplate,
  type PodTemplate,
} from './pod-templates.js';
export * from './quantity.js';
export * from './label-selectors.js';
export { workloadSelector, validatesPodTemplate, claimTemplateVolumeNames, type WorkloadSelector, type ControllerPodLabel } from './workloads.js';
export * from './resource-names.js';
export { builtinSchemaSource, builtinKindReference, builtinApiVersionsOf, builtinKindsOf, builtinKindNames, loadedSchemaModules, customSchemaModuleCount, type SchemaNode } from './schema-store.js';
export { validateValue, describeValue, type SchemaProblem, type ExpectedType } from './schema-validator.js';
export { schemaFor, describeField, schemaDescription, resourceSchemaProblems, problemKey, type KindSchema, type SchemaLookupOptions, type FieldDescription, type FieldInfo, type ResourceSchemaResult } from './resource-schema.js';
export { customSchemaConversions } from './custom-schemas.js';
export { forgetSchemaFile, isSchemaFile, loadSchemaFile, readSchemaFilesFrom, type SchemaFileEntry } from './schema-files.js';
export { API_LIFECYCLE, apiLifecycle, apiStatus, type ApiLifecycle, type ApiStatus } from './api-lifecycle.js';
export { TierClassifier, DEFAULT_TIER_PATTERNS, DATA_STORE_PORTS, TIER_PATTERNS_SCHEMA, hasHelperName, imageName, type ContainerTier, type TierPatterns, type TierClassification, type ImageName } from './container-tiers.js';
export { collectionLayout, removalRange, hasAliases, dashBefore, lineStartOf, lineEndAfter, type CollectionLayout, type EntryLayout, type RemovalOptions } from './yaml-edits.js';
export { sha256 } from './hash.js';
