// Job settings (also in a CronJob's jobTemplate) that the batch validation rejects: indexed-only fields on a
// non-indexed Job, Indexed without completions, maxFailedIndexes alone or above completions, the index limits,
// pod names the indexes would give, the labels the server generates, managedBy, and the success and pod failure
// policies (job-policies.ts).
import { isDNS1123Label, isDNS1123Subdomain, isPlainObject, type Path, type RuleContext } from '@podlint/core';
import { isCheckable } from '../api-validation-utils.js';
import { checkPodFailurePolicy, checkSuccessPolicy, type JobPolicyMessageId } from './job-policies.js';

export type JobMessageId =
  | JobPolicyMessageId
  | 'indexedWithoutCompletions'
  | 'requiresIndexed'
  | 'maxFailedWithoutBackoff'
  | 'indexedLimit'
  | 'maxFailedAboveCompletions'
  | 'maxFailedRequired'
  | 'perIndexLimit'
  | 'indexedPodName'
  | 'jobNameLabel'
  | 'managedByInvalid';

const INDEXED_ONLY = ['backoffLimitPerIndex', 'maxFailedIndexes', 'successPolicy'] as const;
const JOB_NAME_LABELS = ['job-name', 'batch.kubernetes.io/job-name'] as const;
const PATH_SEGMENT = /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;

/** jobName is the Job's own name; a CronJob's Jobs get names only when they are created. */
export function checkJobSpec(context: RuleContext<JobMessageId>, jobSpec: Record<string, unknown>, path: Path, jobName?: string): void {
  const indexed = jobSpec.completionMode === 'Indexed';
  const present = (field: string) => jobSpec[field] !== undefined && jobSpec[field] !== null;
  const count = (field: string) => (typeof jobSpec[field] === 'number' ? (jobSpec[field] as number) : undefined);
  const completions = count('completions');
  if (indexed && !present('completions')) context.report({ path: [...path, 'completionMode'], messageId: 'indexedWithoutCompletions' });
  if (!indexed) {
    for (const field of INDEXED_ONLY) if (present(field)) context.report({ path: [...path, field], at: 'key', messageId: 'requiresIndexed', data: { field } });
  }
  if (present('maxFailedIndexes') && !present('backoffLimitPerIndex')) context.report({ path: [...path, 'maxFailedIndexes'], at: 'key', messageId: 'maxFailedWithoutBackoff' });
  if (indexed) checkIndexLimits(context, jobSpec, path, count, completions);
  const template = isPlainObject(jobSpec.template) ? jobSpec.template : undefined;
  const podSpec = template && isPlainObject(template.spec) ? template.spec : undefined;
  if (present('podFailurePolicy') && podSpec?.restartPolicy === 'OnFailure') {
    context.report({ path: [...path, 'template', 'spec', 'restartPolicy'], messageId: 'podFailurePolicyOnFailure' });
  }
  if (jobName !== undefined && indexed && completions !== undefined && completions > 0) checkIndexedPodName(context, jobName, completions, path);
  if (jobName !== undefined && jobSpec.manualSelector !== true && template) checkJobNameLabels(context, template, [...path, 'template'], jobName);
  checkManagedBy(context, jobSpec.managedBy, [...path, 'managedBy']);
  if (indexed) checkSuccessPolicy(context, jobSpec.successPolicy, [...path, 'successPolicy'], completions);
  checkPodFailurePolicy(context, jobSpec, path, podSpec);
}

function checkIndexLimits(context: RuleContext<JobMessageId>, jobSpec: Record<string, unknown>, path: Path, count: (field: string) => number | undefined, completions: number | undefined): void {
  const parallelism = count('parallelism');
  const maxFailed = count('maxFailedIndexes');
  if (parallelism !== undefined && parallelism > 100000) context.report({ path: [...path, 'parallelism'], messageId: 'indexedLimit', data: { field: 'parallelism', value: parallelism } });
  if (maxFailed !== undefined && completions !== undefined && completions >= 0 && maxFailed > completions) {
    context.report({ path: [...path, 'maxFailedIndexes'], messageId: 'maxFailedAboveCompletions', data: { value: maxFailed, completions } });
  } else if (maxFailed !== undefined && maxFailed > 100000) {
    context.report({ path: [...path, 'maxFailedIndexes'], messageId: 'indexedLimit', data: { field: 'maxFailedIndexes', value: maxFailed } });
  }
  if (completions === undefined || completions <= 100000 || jobSpec.backoffLimitPerIndex === undefined || jobSpec.backoffLimitPerIndex === null) return;
  if (jobSpec.maxFailedIndexes === undefined || jobSpec.maxFailedIndexes === null) context.report({ path: [...path, 'backoffLimitPerIndex'], at: 'key', messageId: 'maxFailedRequired', data: { completions } });
  for (const field of ['parallelism', 'maxFailedIndexes']) {
    const value = count(field);
    if (value !== undefined && value > 10000 && value <= 100000) context.report({ path: [...path, field], messageId: 'perIndexLimit', data: { field, value } });
  }
}

function checkIndexedPodName(context: RuleContext<JobMessageId>, jobName: string, completions: number, path: Path): void {
  // A name that is not a subdomain is name-invalid's to report.
  if (!isCheckable(jobName) || isDNS1123Subdomain(jobName).length > 0) return;
  const lastPod = `${jobName}-${completions - 1}`;
  if (isDNS1123Label(lastPod).length > 0) context.report({ path: [...path, 'completionMode'], messageId: 'indexedPodName', data: { pod: lastPod } });
}

function checkJobNameLabels(context: RuleContext<JobMessageId>, template: Record<string, unknown>, templatePath: Path, jobName: string): void {
  const labels = isPlainObject(template.metadata) && isPlainObject(template.metadata.labels) ? template.metadata.labels : undefined;
  if (!labels || !isCheckable(jobName)) return;
  for (const key of JOB_NAME_LABELS) {
    const value = labels[key];
    if (isCheckable(value) && value !== jobName) context.report({ path: [...templatePath, 'metadata', 'labels', key], messageId: 'jobNameLabel', data: { key, value, name: jobName } });
  }
}

function checkManagedBy(context: RuleContext<JobMessageId>, value: unknown, path: Path): void {
  if (!isCheckable(value)) return;
  const slash = value.indexOf('/');
  const domain = slash < 0 ? '' : value.slice(0, slash);
  const rest = slash < 0 ? '' : value.slice(slash + 1);
  let reason = '';
  if (slash < 0) reason = 'it has no domain prefix, such as "acme.io/foo"';
  else if (isDNS1123Subdomain(domain).length > 0) reason = `its prefix "${domain}" is not a DNS subdomain`;
  else if (rest === '') reason = 'it has no path after the prefix';
  else if (!PATH_SEGMENT.test(rest)) reason = 'its path has characters a URL path may not have';
  else if (value.length > 63) reason = `it is ${value.length} characters long, more than 63`;
  if (reason) context.report({ path, messageId: 'managedByInvalid', data: { value, reason } });
}
