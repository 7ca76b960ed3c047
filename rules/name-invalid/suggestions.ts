// A valid name close to an invalid one, for "Try ..." in name-invalid's messages: lower-cased, other
// characters turned into '-', and trimmed to the format's length. Only offered when it really passes.
import { isValidPortName, validateName, type NameFormat } from '@podlint/core';

const MAX_LENGTHS: Readonly<Record<NameFormat, number>> = { dns1123Subdomain: 253, dns1123Label: 63, dns1035Label: 63 };

/** A name in `format` close to `name`, or undefined when none is obvious. */
export function suggestName(format: NameFormat, name: string, prefix = false): string | undefined {
  const allowed = format === 'dns1123Subdomain' ? /[^a-z0-9.-]+/g : /[^a-z0-9-]+/g;
  let candidate = name.toLowerCase().replace(allowed, '-').replace(/-+/g, '-');
  if (format === 'dns1123Subdomain') {
    candidate = candidate
      .split('.')
      .map((part) => trimEdgePunctuation(part))
      .filter((part) => part !== '')
      .join('.');
  } else {
    candidate = trimEdgePunctuation(candidate);
  }
  if (format === 'dns1035Label') candidate = candidate.replace(/^[^a-z]+/, '');
  candidate = trimEdgePunctuation(candidate.slice(0, MAX_LENGTHS[format] - (prefix ? 1 : 0)));
  if (prefix && name.endsWith('-') && candidate !== '') candidate += '-';
  return accept(candidate, name, validateName(format, candidate, prefix));
}

/** An IANA service name close to `name`: at most 15 characters, single hyphens, at least one letter. */
export function suggestPortName(name: string): string | undefined {
  const candidate = trimEdgePunctuation(trimEdgePunctuation(name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-')).slice(0, 15));
  return accept(candidate, name, isValidPortName(candidate));
}

function accept(candidate: string, original: string, problems: string[]): string | undefined {
  return candidate !== '' && candidate !== original && problems.length === 0 ? candidate : undefined;
}

function trimEdgePunctuation(text: string): string {
  return text.replace(/^[-.]+|[-.]+$/g, '');
}
