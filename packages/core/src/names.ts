// The API server's name predicates (apimachinery's util/validation and api/validation/generic, as of
// Kubernetes 1.33-1.36): DNS-1123 labels and subdomains, DNS-1035 labels, IANA service (port) names,
// qualified names (label and annotation keys) and label values, and which one each kind's metadata.name
// must pass. Each predicate returns the server's own messages, in its order; an empty list means valid.
// Rules that want plainer words can drop the regex hint with `withoutRegexHint`.

const DNS1123_LABEL_FORMAT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FORMAT = `${DNS1123_LABEL_FORMAT}(\\.${DNS1123_LABEL_FORMAT})*`;
const DNS1035_LABEL_FORMAT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const QUALIFIED_NAME_FORMAT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE_FORMAT = `(${QUALIFIED_NAME_FORMAT})?`;

const DNS1123_LABEL = new RegExp(`^${DNS1123_LABEL_FORMAT}$`);
const DNS1123_SUBDOMAIN = new RegExp(`^${DNS1123_SUBDOMAIN_FORMAT}$`);
const DNS1035_LABEL = new RegExp(`^${DNS1035_LABEL_FORMAT}$`);
const QUALIFIED_NAME = new RegExp(`^${QUALIFIED_NAME_FORMAT}$`);
const LABEL_VALUE = new RegExp(`^${LABEL_VALUE_FORMAT}$`);

export const DNS1123_LABEL_MAX_LENGTH = 63;
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
export const DNS1035_LABEL_MAX_LENGTH = 63;
export const QUALIFIED_NAME_MAX_LENGTH = 63;
export const LABEL_VALUE_MAX_LENGTH = 63;
export const PORT_NAME_MAX_LENGTH = 15;

const QUALIFIED_NAME_MESSAGE = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** apimachinery's MaxLenError. */
export function maxLengthMessage(length: number): string {
  return `must be no more than ${length} characters`;
}

/** apimachinery's RegexError, double space after each example's comma included (it is in the source). */
export function regexMessage(message: string, format: string, ...examples: string[]): string {
  if (examples.length === 0) return `${message} (regex used for validation is '${format}')`;
  const listed = examples.map((example, index) => `${index > 0 ? ' or ' : ''}'${example}', `).join('');
  return `${message} (e.g. ${listed}regex used for validation is '${format}')`;
}

/** A server message without its "(e.g. ..., regex used for validation is ...)" tail, for plainer reading. */
export function withoutRegexHint(message: string): string {
  return message.replace(/ \((?:e\.g\. .*)?regex used for validation is '[^']*'\)/, '');
}

/** A DNS-1123 label: container, volume, StatefulSet and Namespace names. */
export function isDNS1123Label(value: string): string[] {
  const messages: string[] = [];
  if (value.length > DNS1123_LABEL_MAX_LENGTH) messages.push(maxLengthMessage(DNS1123_LABEL_MAX_LENGTH));
  if (!DNS1123_LABEL.test(value)) {
    if (DNS1123_SUBDOMAIN.test(value)) messages.push('must not contain dots');
    else {
      messages.push(
        regexMessage(
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
          DNS1123_LABEL_FORMAT,
          'my-name',
          '123-abc',
        ),
      );
    }
  }
  return messages;
}

/** A DNS-1123 subdomain: most object names (Pods, Deployments, ConfigMaps...). */
export function isDNS1123Subdomain(value: string): string[] {
  const messages: string[] = [];
  if (value.length > DNS1123_SUBDOMAIN_MAX_LENGTH) messages.push(maxLengthMessage(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!DNS1123_SUBDOMAIN.test(value)) {
    messages.push(
      regexMessage(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        DNS1123_SUBDOMAIN_FORMAT,
        'example.com',
      ),
    );
  }
  return messages;
}

/** A DNS-1035 label (starts with a letter): Service names. */
export function isDNS1035Label(value: string): string[] {
  const messages: string[] = [];
  if (value.length > DNS1035_LABEL_MAX_LENGTH) messages.push(maxLengthMessage(DNS1035_LABEL_MAX_LENGTH));
  if (!DNS1035_LABEL.test(value)) {
    messages.push(
      regexMessage(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        DNS1035_LABEL_FORMAT,
        'my-name',
        'abc-123',
      ),
    );
  }
  return messages;
}

/** An IANA_SVC_NAME (RFC 6335): container port names, and named ports of probes and Services. All messages that apply. */
export function isValidPortName(value: string): string[] {
  const messages: string[] = [];
  if (value.length > PORT_NAME_MAX_LENGTH) messages.push(maxLengthMessage(PORT_NAME_MAX_LENGTH));
  if (!/^[-a-z0-9]+$/.test(value)) messages.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(value)) messages.push('must contain at least one letter (a-z)');
  if (value.includes('--')) messages.push('must not contain consecutive hyphens');
  if (value.length > 0 && (value.startsWith('-') || value.endsWith('-'))) messages.push('must not begin or end with a hyphen');
  return messages;
}

/** A port number, 1 to 65535. */
export function isValidPortNumber(value: number): string[] {
  return Number.isInteger(value) && value >= 1 && value <= 65535 ? [] : ['must be between 1 and 65535, inclusive'];
}

/** A qualified name: label keys, annotation keys (lower-cased first), finalizers, topology keys, condition types. */
export function isQualifiedName(value: string): string[] {
  const parts = value.split('/');
  if (parts.length > 2) {
    return [`a qualified name ${regexMessage(QUALIFIED_NAME_MESSAGE, QUALIFIED_NAME_FORMAT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  const messages: string[] = [];
  const name = parts[parts.length - 1]!;
  if (parts.length === 2) {
    const prefix = parts[0]!;
    if (prefix.length === 0) messages.push('prefix part must be non-empty');
    else messages.push(...isDNS1123Subdomain(prefix).map((message) => `prefix part ${message}`));
  }
  if (name.length === 0) messages.push('name part must be non-empty');
  else if (name.length > QUALIFIED_NAME_MAX_LENGTH) messages.push(`name part ${maxLengthMessage(QUALIFIED_NAME_MAX_LENGTH)}`);
  if (!QUALIFIED_NAME.test(name)) messages.push(`name part ${regexMessage(QUALIFIED_NAME_MESSAGE, QUALIFIED_NAME_FORMAT, 'MyName', 'my.name', '123-abc')}`);
  return messages;
}

/** A label value (also node selector and matchLabels values); the empty string is valid. */
export function isValidLabelValue(value: string): string[] {
  const messages: string[] = [];
  if (value.length > LABEL_VALUE_MAX_LENGTH) messages.push(maxLengthMessage(LABEL_VALUE_MAX_LENGTH));
  if (!LABEL_VALUE.test(value)) {
    messages.push(
      regexMessage(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        LABEL_VALUE_FORMAT,
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  }
  return messages;
}

export type NameFormat = 'dns1123Subdomain' | 'dns1123Label' | 'dns1035Label';

const NAME_FORMAT_CHECKS: Readonly<Record<NameFormat, (value: string) => string[]>> = {
  dns1123Subdomain: isDNS1123Subdomain,
  dns1123Label: isDNS1123Label,
  dns1035Label: isDNS1035Label,
};

/** How a message names a format: "DNS-1123 subdomain". */
export const NAME_FORMAT_TITLES: Readonly<Record<NameFormat, string>> = {
  dns1123Subdomain: 'DNS-1123 subdomain',
  dns1123Label: 'DNS-1123 label',
  dns1035Label: 'DNS-1035 label',
};

/** The format of metadata.name per built-in kind and API group; kinds not listed here are not checked. */
const OBJECT_NAME_FORMATS: Readonly<Record<string, { groups: readonly string[]; format: NameFormat }>> = {
  Pod: { groups: [''], format: 'dns1123Subdomain' },
  PodTemplate: { groups: [''], format: 'dns1123Subdomain' },
  ReplicationController: { groups: [''], format: 'dns1123Subdomain' },
  ConfigMap: { groups: [''], format: 'dns1123Subdomain' },
  Secret: { groups: [''], format: 'dns1123Subdomain' },
  ServiceAccount: { groups: [''], format: 'dns1123Subdomain' },
  PersistentVolumeClaim: { groups: [''], format: 'dns1123Subdomain' },
  PersistentVolume: { groups: [''], format: 'dns1123Subdomain' },
  Namespace: { groups: [''], format: 'dns1123Label' },
  Service: { groups: [''], format: 'dns1035Label' },
  Deployment: { groups: ['apps', 'extensions'], format: 'dns1123Subdomain' },
  ReplicaSet: { groups: ['apps', 'extensions'], format: 'dns1123Subdomain' },
  DaemonSet: { groups: ['apps', 'extensions'], format: 'dns1123Subdomain' },
  StatefulSet: { groups: ['apps'], format: 'dns1123Label' },
  Job: { groups: ['batch'], format: 'dns1123Subdomain' },
  CronJob: { groups: ['batch'], format: 'dns1123Subdomain' },
};

/** Which format the API server requires of this kind's metadata.name; undefined when podlint does not know. */
export function objectNameFormat(kind: string, group: string): NameFormat | undefined {
  const entry = OBJECT_NAME_FORMATS[kind];
  return entry && entry.groups.includes(group) ? entry.format : undefined;
}

/**
 * Checks a name in a format; with `prefix` (metadata.generateName) a trailing '-' is allowed, as the server's
 * maskTrailingDash does (it replaces the last two characters with 'a', a quirk kept so verdicts match).
 */
export function validateName(format: NameFormat, name: string, prefix = false): string[] {
  const checked = prefix && name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
  return NAME_FORMAT_CHECKS[format](checked);
}
