// Job settings (also in a CronJob's jobTemplate) that the batch validation rejects: indexed-only fields on a
// non-indexed Job, Indexed without completions, maxFailedIndexes alone, and a podFailurePolicy whose pods
// restart in place (OnFailure) so that the policy never sees them fail.
import { isPlainObject, type Path, type RuleContext } from '@podlint/core';

export type JobMessageId = 'indexedWithoutCompletions' | 'requiresIndexed' | 'maxFailedWithoutBackoff' | 'podFailurePolicyOnFailure';

const INDEXED_ONLY = ['backoffLimitPerIndex', 'maxFailedIndexes', 'successPolicy'] as const;

export function checkJobSpec(context: RuleContext<JobMessageId>, jobSpec: Record<string, unknown>, path: Path): void {
  const indexed = jobSpec.completionMode === 'Indexed';
  const present = (field: string) => jobSpec[field] !== undefined && jobSpec[field] !== null;
  if (indexed && !present('completions')) context.report({ path: [...path, 'completionMode'], messageId: 'indexedWithoutCompletions' });
  if (!indexed) {
    for (const field of INDEXED_ONLY) if (present(field)) context.report({ path: [...path, field], at: 'key', messageId: 'requiresIndexed', data: { field } });
  }
  if (present('maxFailedIndexes') && !present('backoffLimitPerIndex')) context.report({ path: [...path, 'maxFailedIndexes'], at: 'key', messageId: 'maxFailedWithoutBackoff' });
  const template = isPlainObject(jobSpec.template) ? jobSpec.template : undefined;
  const podSpec = template && isPlainObject(template.spec) ? template.spec : undefined;
  if (present('podFailurePolicy') && podSpec?.restartPolicy === 'OnFailure') {
    context.report({ path: [...path, 'template', 'spec', 'restartPolicy'], messageId: 'podFailurePolicyOnFailure' });
  }
}
