// Message formatting: placeholders filled, and every value bounded so that a long name or value typed into a
// manifest cannot make a message of its size.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PLACEHOLDER_LIMIT, QUOTED_VALUE_LIMIT, formatMessage, shortenForMessage } from './rule.js';

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

  it('cuts before an emoji rather than through it', () => {
    // The cut after limit - 3 characters falls inside the first emoji, then just after it.
    assert.equal(shortenForMessage(`${'a'.repeat(QUOTED_VALUE_LIMIT - 4)}🎉🎉🎉`), `${'a'.repeat(QUOTED_VALUE_LIMIT - 4)}...`);
    assert.equal(shortenForMessage(`${'a'.repeat(QUOTED_VALUE_LIMIT - 5)}🎉🎉🎉`), `${'a'.repeat(QUOTED_VALUE_LIMIT - 5)}🎉...`);
  });
});
