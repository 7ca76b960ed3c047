// What fixtures cannot say: probe-port-not-exposed's severity per case (an error for a port name that never
// resolves, a warning otherwise), and that a severity the user configures for the rule wins over both.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter, resolveConfig, type RuleEntry, type SeveritySetting } from '@podlint/core';
import { REPO_ROOT, rules } from './fixture-utils.js';

const MANIFEST = `apiVersion: v1
kind: PodTemplate
metadata:
  name: web
template:
  spec:
    containers:
      - name: web
        image: registry.example.com/web:4.2
        ports:
          - name: http
            containerPort: 8080
        readinessProbe:
          httpGet:
            port: web
        livenessProbe:
          httpGet:
            port: 8081
`;

function severities(configured?: SeveritySetting): string[] {
  const extra = new Map<string, RuleEntry>();
  if (configured) extra.set('probe-port-not-exposed', { severity: configured });
  const config = resolveConfig(rules, { path: 'test', directory: REPO_ROOT, presets: ['all'], rules: new Map(), isIgnored: () => false, overrides: [] }, 'web.yaml', extra);
  return new Linter(rules)
    .lintText({ filePath: 'web.yaml', text: MANIFEST, config })
    .messages.filter((message) => message.ruleId === 'probe-port-not-exposed')
    .map((message) => `${message.range.start.line + 1} ${message.messageId} ${message.severity}`);
}

describe('probe-port-not-exposed severities', () => {
  it('makes a port name that never resolves an error and an undeclared number a warning', () => {
    assert.deepEqual(severities(), ['15 namedPortMissing error', '18 numberNotDeclared warning']);
  });

  it('lets a severity configured for the rule apply to every case', () => {
    assert.deepEqual(severities('info'), ['15 namedPortMissing info', '18 numberNotDeclared info']);
    assert.deepEqual(severities('error'), ['15 namedPortMissing error', '18 numberNotDeclared error']);
  });
});
