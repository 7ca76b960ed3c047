// The name predicates against the API server's verdicts and texts (reference/api-validation.md section 1.3):
// boundaries of every length limit, each message in the server's order, and the generateName quirk.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPortName,
  isValidPortNumber,
  objectNameFormat,
  regexMessage,
  validateName,
  withoutRegexHint,
} from './names.js';

const LABEL_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1035_MESSAGE =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const NAME_PART_MESSAGE =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe('isDNS1123Label', () => {
  it('accepts labels up to 63 characters', () => {
    for (const value of ['a', '0', 'web', 'my-name', '123-abc', 'a'.repeat(63)]) assert.deepEqual(isDNS1123Label(value), [], value);
  });

  it('rejects upper case, underscores, edge hyphens and the empty string with the regex message', () => {
    for (const value of ['Web', 'my_name', '-web', 'web-', '', 'a b']) assert.deepEqual(isDNS1123Label(value), [LABEL_MESSAGE], value);
  });

  it('says "must not contain dots" for a valid subdomain', () => {
    assert.deepEqual(isDNS1123Label('web.v1'), ['must not contain dots']);
  });

  it('reports the length first, then the format', () => {
    assert.deepEqual(isDNS1123Label('a'.repeat(64)), ['must be no more than 63 characters']);
    assert.deepEqual(isDNS1123Label(`${'a'.repeat(63)}_`), ['must be no more than 63 characters', LABEL_MESSAGE]);
  });
});

describe('isDNS1123Subdomain', () => {
  it('accepts dotted names up to 253 characters', () => {
    for (const value of ['example.com', 'web', 'a.b-c.d', `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`]) {
      assert.deepEqual(isDNS1123Subdomain(value), [], value);
    }
  });

  it('rejects empty labels, upper case and a too-long name', () => {
    for (const value of ['a..b', '.a', 'a.', 'Example.com', 'a_b']) assert.deepEqual(isDNS1123Subdomain(value), [SUBDOMAIN_MESSAGE], value);
    assert.deepEqual(isDNS1123Subdomain('a'.repeat(254)), ['must be no more than 253 characters']);
  });
});

describe('isDNS1035Label', () => {
  it('requires a leading letter', () => {
    assert.deepEqual(isDNS1035Label('my-service'), []);
    assert.deepEqual(isDNS1035Label('1-service'), [DNS1035_MESSAGE]);
    assert.deepEqual(isDNS1035Label('a'.repeat(64)), ['must be no more than 63 characters']);
  });
});

describe('isValidPortName', () => {
  it('accepts IANA service names', () => {
    for (const value of ['http', 'http-metrics', 'h2c', '8080a', 'a'.repeat(15)]) assert.deepEqual(isValidPortName(value), [], value);
  });

  it('emits every message that applies, in the server order', () => {
    assert.deepEqual(isValidPortName('a'.repeat(16)), ['must be no more than 15 characters']);
    assert.deepEqual(isValidPortName('HTTP'), ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)', 'must contain at least one letter (a-z)']);
    assert.deepEqual(isValidPortName('8080'), ['must contain at least one letter (a-z)']);
    assert.deepEqual(isValidPortName('my--port'), ['must not contain consecutive hyphens']);
    assert.deepEqual(isValidPortName('-http-'), ['must not begin or end with a hyphen']);
    assert.deepEqual(isValidPortName('http_metrics-port-'), [
      'must be no more than 15 characters',
      'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'must not begin or end with a hyphen',
    ]);
  });
});

describe('isValidPortNumber', () => {
  it('accepts 1 to 65535', () => {
    for (const value of [1, 80, 65535]) assert.deepEqual(isValidPortNumber(value), []);
    for (const value of [0, -1, 65536, 80.5]) assert.deepEqual(isValidPortNumber(value), ['must be between 1 and 65535, inclusive'], String(value));
  });
});

describe('isQualifiedName', () => {
  it('accepts names with and without a DNS prefix', () => {
    for (const value of ['app', 'MyName', 'my.name', '123-abc', 'app.kubernetes.io/name', 'example.com/My_Key', 'a'.repeat(63)]) {
      assert.deepEqual(isQualifiedName(value), [], value);
    }
  });

  it('checks the prefix and the name part separately', () => {
    assert.deepEqual(isQualifiedName('/name'), ['prefix part must be non-empty']);
    assert.deepEqual(isQualifiedName('Example.com/name'), [`prefix part ${SUBDOMAIN_MESSAGE}`]);
    assert.deepEqual(isQualifiedName('example.com/'), ['name part must be non-empty', NAME_PART_MESSAGE]);
    assert.deepEqual(isQualifiedName('a'.repeat(64)), ['name part must be no more than 63 characters']);
    assert.deepEqual(isQualifiedName('-app'), [NAME_PART_MESSAGE]);
  });

  it('has one message for more than one slash', () => {
    assert.deepEqual(isQualifiedName('a/b/c'), [
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ]);
  });
});

describe('isValidLabelValue', () => {
  it('accepts the empty string and 63 characters', () => {
    for (const value of ['', 'MyValue', 'my_value', '12345', 'v1.2.3', 'a'.repeat(63)]) assert.deepEqual(isValidLabelValue(value), [], value);
  });

  it('rejects edge punctuation, slashes and 64 characters', () => {
    assert.equal(isValidLabelValue('-v1').length, 1);
    assert.equal(isValidLabelValue('a/b').length, 1);
    assert.match(isValidLabelValue('a b')[0]!, /^a valid label must be an empty string or consist of alphanumeric characters/);
    assert.deepEqual(isValidLabelValue('a'.repeat(64)), ['must be no more than 63 characters']);
  });
});

describe('object names', () => {
  it('knows the format per kind and group', () => {
    assert.equal(objectNameFormat('Deployment', 'apps'), 'dns1123Subdomain');
    assert.equal(objectNameFormat('StatefulSet', 'apps'), 'dns1123Label');
    assert.equal(objectNameFormat('Namespace', ''), 'dns1123Label');
    assert.equal(objectNameFormat('Service', ''), 'dns1035Label');
    assert.equal(objectNameFormat('Job', 'batch'), 'dns1123Subdomain');
    assert.equal(objectNameFormat('Deployment', 'example.com'), undefined, 'a custom resource of the same kind name');
    assert.equal(objectNameFormat('ClusterRole', 'rbac.authorization.k8s.io'), undefined);
  });

  it('allows a trailing hyphen in a generateName prefix only', () => {
    assert.deepEqual(validateName('dns1123Subdomain', 'web-', true), []);
    assert.deepEqual(validateName('dns1123Subdomain', 'web-'), [SUBDOMAIN_MESSAGE]);
    assert.deepEqual(validateName('dns1123Label', 'Web-', true), [LABEL_MESSAGE]);
    // The server's mask drops two characters: "a.-" is checked as "aa" and passes, "-" stays invalid.
    assert.deepEqual(validateName('dns1123Label', 'a.-', true), []);
    assert.deepEqual(validateName('dns1123Subdomain', '-', true), [SUBDOMAIN_MESSAGE]);
  });
});

describe('message helpers', () => {
  it('renders the regex hint as the server does and can drop it', () => {
    assert.equal(regexMessage('bad', 'x+'), "bad (regex used for validation is 'x+')");
    assert.equal(withoutRegexHint(LABEL_MESSAGE), "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character");
    assert.equal(withoutRegexHint('must not contain dots'), 'must not contain dots');
  });
});
