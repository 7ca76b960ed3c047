import { isAtLeast, isPlainObject, type PodSpecRef, type RuleContext } from '@podlint/core';
import { isCheckable, itemAnchor, listItems, podTemplateChecked } from './api-validation-utils.js';
import { subdomainProblems } from './label-selector-utils.js';
import { ipVersion } from './ip-utils.js';
import { createRule } from './rule-utils.js';

const MAX_NAMESERVERS = 3;
const MAX_SEARCHES = 32;
const MAX_SEARCH_CHARACTERS = 2048;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const RELAXED_SUBDOMAIN = /^[a-z0-9_]([-a-z0-9_]*[a-z0-9_])?(\.[a-z0-9_]([-a-z0-9_]*[a-z0-9_])?)*$/;

export default createRule({
  name: 'dns-config-invalid',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: { description: "A pod's DNS settings the API server rejects: dnsPolicy None without dnsConfig or nameservers, too many nameservers or search domains, a nameserver or host alias that is not an IP, a host alias name that is not a DNS name, a hostnameOverride that is not a DNS name or comes with setHostnameAsFQDN or hostNetwork.", recommended: true },
    messages: {
      noneWithoutConfig: 'dnsPolicy None gives the pod no DNS settings at all, so the API server requires a dnsConfig with at least one nameserver. Add dnsConfig, or use ClusterFirst.',
      noneWithoutNameservers: 'dnsPolicy is None, so dnsConfig must list at least one nameserver (nothing else would resolve names); the API server rejects it.',
      tooManyNameservers: 'dnsConfig lists {{count}} nameservers; the resolver uses at most 3, and the API server rejects more.',
      nameserverNotIp: 'Nameserver "{{value}}" is not an IP address; resolv.conf takes addresses only, and the API server rejects it.',
      tooManySearches: 'dnsConfig lists {{count}} search domains; the API server accepts at most 32.',
      searchesTooLong: 'The search domains add up to {{length}} characters; the API server accepts at most 2048.',
      searchInvalid: 'Search domain "{{value}}" is not a valid DNS name (lowercase letters, digits, "-" and dots{{underscore}}); the API server rejects it.',
      optionNameEmpty: 'A dnsConfig option needs a name; the API server rejects an empty one.',
      hostAliasIpInvalid: 'hostAliases ip "{{value}}" is not an IP address; /etc/hosts maps names to addresses, and the API server rejects it.',
      hostnameOverrideWithFqdn: 'hostnameOverride sets the pod\'s hostname as written, so the API server rejects it beside setHostnameAsFQDN: true. Remove one of them.',
      hostnameOverrideWithHostNetwork: 'A pod with hostNetwork: true has the node\'s hostname, so the API server rejects hostnameOverride. Remove hostnameOverride, or hostNetwork.',
      hostnameOverrideTooLong: 'hostnameOverride has {{length}} characters; the API server accepts at most 64, the longest hostname the kernel takes.',
      hostnameOverrideInvalid: 'hostnameOverride "{{value}}" is not a valid DNS-1123 subdomain, so the API server rejects it: {{problems}}.',
      hostAliasHostnameInvalid: 'hostAliases hostname "{{value}}" is not a valid DNS-1123 subdomain, so the API server rejects it: {{problems}}.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      PodSpec(podSpec, resource) {
        if (!podTemplateChecked(context, resource)) return;
        const { spec, path } = podSpec;
        checkHostAliases(context, podSpec);
        checkHostnameOverride(context, podSpec);
        const dnsConfig = isPlainObject(spec.dnsConfig) ? spec.dnsConfig : undefined;
        const configPath = [...path, 'dnsConfig'];
        const nameservers = Array.isArray(dnsConfig?.nameservers) ? dnsConfig.nameservers : [];
        if (spec.dnsPolicy === 'None') {
          if (!dnsConfig) context.report({ path: [...path, 'dnsPolicy'], messageId: 'noneWithoutConfig' });
          else if (nameservers.length === 0) context.report({ path: configPath, at: 'key', messageId: 'noneWithoutNameservers' });
        }
        if (!dnsConfig) return;
        if (nameservers.length > MAX_NAMESERVERS) context.report({ path: [...configPath, 'nameservers', MAX_NAMESERVERS], messageId: 'tooManyNameservers', data: { count: nameservers.length } });
        nameservers.forEach((value: unknown, index) => {
          if (typeof value === 'string' && !readsAsIp(value)) {
            context.report({ path: [...configPath, 'nameservers', index], messageId: 'nameserverNotIp', data: { value } });
          }
        });
        const searches = Array.isArray(dnsConfig.searches) ? dnsConfig.searches.filter((search): search is string => typeof search === 'string') : [];
        if (searches.length > MAX_SEARCHES) context.report({ path: [...configPath, 'searches', MAX_SEARCHES], messageId: 'tooManySearches', data: { count: searches.length } });
        const length = searches.join(' ').length;
        if (length > MAX_SEARCH_CHARACTERS) context.report({ path: [...configPath, 'searches'], at: 'key', messageId: 'searchesTooLong', data: { length } });
        // RelaxedDNSSearchValidation (on from 1.33) allows "_" and a lone ".".
        const relaxed = isAtLeast(context.settings.kubernetesVersion, '1.33');
        searches.forEach((search, index) => {
          if (relaxed && search === '.') return;
          const name = search.replace(/\.$/, '');
          if (name.length <= 253 && (relaxed ? RELAXED_SUBDOMAIN : SUBDOMAIN).test(name)) return;
          context.report({ path: [...configPath, 'searches', index], messageId: 'searchInvalid', data: { value: search, underscore: relaxed ? ', "_"' : '' } });
        });
        for (const { item, path: optionPath } of listItems(dnsConfig, 'options', configPath)) {
          if (item.name === undefined || item.name === '') context.report({ ...itemAnchor(item, optionPath), messageId: 'optionNameEmpty' });
        }
      },
    };
  },
});

/** Leading zeros ("010.0.0.1") are tolerated by newer servers, so only what no server reads as an IP fails. */
function readsAsIp(value: string): boolean {
  return ipVersion(value.replace(/(^|\.)0+(?=\d)/g, '$1')) !== 0;
}

/** HostnameOverride is on by default from 1.35 (alpha, off, in 1.34); before, the server drops the field unchecked. */
const HOSTNAME_OVERRIDE_SINCE = '1.35';
const HOSTNAME_MAX_LENGTH = 64;

/** hostnameOverride: not with setHostnameAsFQDN or hostNetwork, at most 64 characters, a DNS-1123 subdomain. */
function checkHostnameOverride(context: RuleContext<string>, podSpec: PodSpecRef): void {
  const { spec, path } = podSpec;
  const value = spec.hostnameOverride;
  // An empty one leaves the hostname alone.
  if (typeof value !== 'string' || value === '' || !isAtLeast(context.settings.kubernetesVersion, HOSTNAME_OVERRIDE_SINCE)) return;
  const at = [...path, 'hostnameOverride'];
  if (spec.setHostnameAsFQDN === true) context.report({ path: at, messageId: 'hostnameOverrideWithFqdn' });
  if (spec.hostNetwork === true) context.report({ path: at, messageId: 'hostnameOverrideWithHostNetwork' });
  if (!isCheckable(value)) return;
  if (value.length > HOSTNAME_MAX_LENGTH) context.report({ path: at, messageId: 'hostnameOverrideTooLong', data: { length: value.length } });
  else {
    const problems = subdomainProblems(value);
    if (problems) context.report({ path: at, messageId: 'hostnameOverrideInvalid', data: { value, problems } });
  }
}

/** validateHostAliases: each ip an IP, each hostname a DNS-1123 subdomain (templated names left alone). */
function checkHostAliases(context: RuleContext<string>, podSpec: PodSpecRef): void {
  for (const { item, path } of listItems(podSpec.spec, 'hostAliases', podSpec.path)) {
    if (typeof item.ip === 'string' && !readsAsIp(item.ip)) context.report({ path: [...path, 'ip'], messageId: 'hostAliasIpInvalid', data: { value: item.ip } });
    if (!Array.isArray(item.hostnames)) continue;
    item.hostnames.forEach((hostname: unknown, index) => {
      if (!isCheckable(hostname)) return;
      const problems = subdomainProblems(hostname);
      if (problems) context.report({ path: [...path, 'hostnames', index], messageId: 'hostAliasHostnameInvalid', data: { value: hostname, problems } });
    });
  }
}
