// Message formatting: placeholders filled, and every value bounded so that a long name or value typed into a
// manifest cannot make a message of its size.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PLACEHOLDER_LIMIT, QUOTED_VALUE_LIMIT, escapeControlCharacters, formatMessage, shortenForMessage } from './rule.js';

describe('formatMessage', () => {
  it('quotes at most QUOTED_VALUE_LIMIT characters of a value, and keeps short values whole', () => {
    const long = 'x'.repeat(50_000);
    const message = formatMessage('r', 'Name "{{name}}" is invalid.', { name: long });
    assert.equal(message, `Name "${'x'.repeat(QUOTED_VALUE_LIMIT - 3)}..." is invalid.`);
    assert.equal(formatMessage('r', 'Name "{{name}}" is invalid.', { name: 'web' }), 'Name "web" is invalid.');
    assert.equal(formatMessage('r', 'Port {{port}}.', { port: 8080 }), 'Port 8080.');
  });

  it('bounds other placeholders to PLACEHOLDER_LIMIT, so rule-made lists stay whole and values it does not quote stay short', () => {
    const kinds = Array.from({ length: 17 }, (_, index) => `Kind${index}Name`).join(', ');
    assert.equal(formatMessage('r', 'Its kinds are {{kinds}}.', { kinds }), `Its kinds are ${kinds}.`);
    const message = formatMessage('r', 'No schema for {{kind}} in {{apiVersion}}.', { kind: 'Pod', apiVersion: `v1${'🎉'.repeat(30_000)}` });
    assert.ok(message.length <= 'No schema for Pod in .'.length + PLACEHOLDER_LIMIT, message);
    assert.match(message, /^No schema for Pod in v1(🎉)+\.\.\.\.$/u);
  });

  it("writes out a value's control characters, so that a manifest cannot add lines to a report or act on a terminal", () => {
    // A name that would print a fake problem on a line of its own, colour what follows, go back over its own line
    // (\r), and turn the rest of the line around (U+202E).
    const name = 'x\u001b[31m\nfake.yaml:1:1: error injected\r\u202e\u0000\u009b\u2028\tend';
    assert.equal(
      formatMessage('r', 'Name "{{name}}" is invalid.', { name }),
      'Name "x\\u001b[31m\\nfake.yaml:1:1: error injected\\r\\u202e\\u0000\\u009b\\u2028\\tend" is invalid.',
    );
    // Written out once: what it writes has no control character left.
    assert.equal(escapeControlCharacters(escapeControlCharacters(name)), escapeControlCharacters(name));
    assert.equal(escapeControlCharacters('caf\u00e9 \ud83c\udf89 \u05e9\u05dc\u05d5\u05dd'), 'caf\u00e9 \ud83c\udf89 \u05e9\u05dc\u05d5\u05dd');
  });

  it('cuts before an emoji rather than through it', () => {
    // The cut after limit - 3 characters falls inside the first emoji, then just after it.
    assert.equal(shortenForMessage(`${'a'.repeat(QUOTED_VALUE_LIMIT - 4)}🎉🎉🎉`), `${'a'.repeat(QUOTED_VALUE_LIMIT - 4)}...`);
    assert.equal(shortenForMessage(`${'a'.repeat(QUOTED_VALUE_LIMIT - 5)}🎉🎉🎉`), `${'a'.repeat(QUOTED_VALUE_LIMIT - 5)}🎉...`);
  });
});
