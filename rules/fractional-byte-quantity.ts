import { formatQuantityValue, getIn, hasFraction, isPlainObject, quantityOfValue, type Path, type Resource, type RuleContext } from '@podlint/core';
import { listItems, replaceScalar } from './api-validation-utils.js';
import { createRule } from './rule-utils.js';

/** Resources counted in bytes, where a fraction means nothing. */
const BYTE_RESOURCES = ['memory', 'ephemeral-storage'];
/** What an ephemeral volume's claim asks for (the server warns about it as for a PersistentVolumeClaim). */
const CLAIM_BYTE_RESOURCES = ['storage'];

type MessageId = 'milli' | 'fraction' | 'replace';

export default createRule({
  name: 'fractional-byte-quantity',
  meta: {
    type: 'problem',
    severity: 'warning',
    docs: { description: "A memory or ephemeral-storage quantity, or an ephemeral volume's storage, that is not a whole number of bytes, such as 100m.", recommended: true },
    messages: {
      milli:
        'The {{resource}} quantity {{value}} means {{bytes}} bytes: a lowercase "m" is thousandths, not mega. The API server warns that a fractional byte value is invalid. Write {{binary}} (mebibytes) or {{decimal}} (megabytes).',
      fraction: 'The {{resource}} quantity {{value}} is {{bytes}} bytes, not a whole number; the API server warns that a fractional byte value is invalid (it is rounded up). Give a whole number of bytes.',
      replace: 'Replace with {{text}}.',
    },
    schema: [],
    hasSuggestions: true,
  },
  defaultOptions: [],
  create(context) {
    return {
      PodSpec(podSpec, resource) {
        checkMap(context, resource, podSpec.spec.overhead, [...podSpec.path, 'overhead']);
        for (const container of podSpec.containers) {
          const resources = container.container.resources;
          if (!isPlainObject(resources)) continue;
          checkMap(context, resource, resources.limits, [...container.path, 'resources', 'limits']);
          checkMap(context, resource, resources.requests, [...container.path, 'resources', 'requests']);
        }
        for (const { item, path } of listItems(podSpec.spec, 'volumes', podSpec.path)) {
          const claimResources = getIn(item, ['ephemeral', 'volumeClaimTemplate', 'spec', 'resources']);
          if (!isPlainObject(claimResources)) continue;
          const resourcesPath = [...path, 'ephemeral', 'volumeClaimTemplate', 'spec', 'resources'];
          checkMap(context, resource, claimResources.requests, [...resourcesPath, 'requests'], CLAIM_BYTE_RESOURCES);
          checkMap(context, resource, claimResources.limits, [...resourcesPath, 'limits'], CLAIM_BYTE_RESOURCES);
        }
      },
    };
  },
});

function checkMap(context: RuleContext<MessageId>, resource: Resource, map: unknown, path: Path, names = BYTE_RESOURCES): void {
  if (!isPlainObject(map)) return;
  for (const name of names) {
    const value = map[name];
    const parsed = quantityOfValue(value);
    if (!parsed?.ok || !hasFraction(parsed.quantity)) continue;
    const text = String(value).trim();
    const data = { resource: name, value: text, bytes: formatQuantityValue(parsed.quantity) };
    const milli = /^([0-9.]+)m$/.exec(text);
    if (milli) {
      const [binary, decimal] = [`${milli[1]}Mi`, `${milli[1]}M`];
      const replace = (replacement: string) => ({ messageId: 'replace' as const, data: { text: replacement }, fix: replaceScalar(resource, [...path, name], replacement) });
      context.report({ path: [...path, name], messageId: 'milli', data: { ...data, binary, decimal }, suggest: [replace(binary), replace(decimal)] });
    } else {
      context.report({ path: [...path, name], messageId: 'fraction', data });
    }
  }
}
