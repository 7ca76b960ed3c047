// api-server-warning's message ids, shared by its helper files.
import type { RuleContext } from '@podlint/core';

export type WarningMessageId =
  | 'deprecatedNodeLabel'
  | 'renameLabel'
  | 'nullLabelSelector'
  | 'annotationNonFunctional'
  | 'annotationDeprecated'
  | 'volumePluginDeprecated'
  | 'volumePluginRemoved'
  | 'pathOverlap'
  | 'projectedSourceEmpty'
  | 'imagePullSecretEmpty'
  | 'imagePullSecretDuplicate'
  | 'hostAliasDuplicate'
  | 'hostIPWithoutHostPort'
  | 'gracePeriodNegative';

export type WarningContext = RuleContext<WarningMessageId>;
