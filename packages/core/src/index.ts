// @podlint/core: the engine's public API.
export * from './types.js';
export { SourceFile, SourceDocument, MAX_ALIAS_COUNT, type YamlProblem } from './source.js';
export { rangeOfPath, nodeAtPath, walkPath, firstLineOf, type PathLookup, type RangeTarget } from './ranges.js';
export * from './kubernetes.js';
export { parseImageReference, type ImageReference } from './images.js';
export * from './rule.js';
export { ProjectIndex } from './project.js';
export * from './config.js';
export { Suppressions, IGNORE_ANNOTATION } from './suppressions.js';
export { templateSkipMessage } from './templates.js';
export { applyFixes, type FixOutcome } from './fixes.js';
export { Linter, INTERNAL_ERROR_RULE, type LintInput } from './linter.js';
export { didYouMean, editDistance } from './did-you-mean.js';
export { parseKubernetesVersion, compareKubernetesVersions, isAtLeast, type KubernetesVersion } from './versions.js';
export { TierClassifier, DEFAULT_TIER_PATTERNS, DATA_STORE_PORTS, TIER_PATTERNS_SCHEMA, hasHelperName, imageName, type ContainerTier, type TierPatterns, type TierClassification, type ImageName } from './container-tiers.js';
export { collectionLayout, removalRange, hasAliases, dashBefore, lineStartOf, lineEndAfter, type CollectionLayout, type EntryLayout, type RemovalOptions } from './yaml-edits.js';
