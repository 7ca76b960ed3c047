import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACTION_REACH, hasHelmAction, templateSkipMessage } from './templates.js';
import { SourceFile } from './source.js';

// What hasHelmAction answers, as one regular expression that tries every `{{` (the way it was found before).
const EVERY_OPEN = new RegExp(
  `\\{\\{-?\\s*(?:[^}]{0,${ACTION_REACH}}?\\.(?:Values|Release|Chart|Capabilities|Files|Template)\\b|(?:include|template|define|tpl)\\s|toYaml\\b|if\\s|range\\s|with\\s|end\\s*-?\\}\\})`,
);

describe('Helm templates', () => {
  it('finds actions that read the chart or start with a keyword, and not {{ }} in prose', () => {
    for (const text of ['image: {{ .Values.image }}\n', 'name: {{- include "x" . }}\n', '{{ if .Values.on }}\na: 1\n{{ end }}\n', 'n: {{ $.Release.Name }}\n', 'x: {{toYaml .}}\n']) {
      assert.equal(hasHelmAction(text), true, text);
    }
    for (const text of ['summary: "{{ $labels.instance }} is down"\n', 'a: "{{ x } .Values"\n', `a: "{{ ${'x'.repeat(ACTION_REACH + 1)}.Values"\n`]) {
      assert.equal(hasHelmAction(text), false, text);
    }
    assert.match(templateSkipMessage(new SourceFile('a.yaml', 'image: {{ .Values.image }}\n'))!, /^skipped: a Helm\/Go template/);
  });

  it('answers as trying every {{ does, on texts of braces, spaces and chart objects at the edge of its reach', () => {
    const pieces = ['{{', '{', '}', '-', ' ', '\n', '.Values', '.Valuesx', 'x', 'include ', 'if ', 'end }}', '{{-', '  '];
    const fillers = [ACTION_REACH - 8, ACTION_REACH - 1, ACTION_REACH, ACTION_REACH + 1].map((length) => 'a'.repeat(length));
    let seed = 5;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let round = 0; round < 4000; round += 1) {
      const parts = Array.from({ length: 1 + (next() % 10) }, () => (next() % 6 === 0 ? fillers[next() % fillers.length]! : pieces[next() % pieces.length]!));
      const text = parts.join('');
      assert.equal(hasHelmAction(text), EVERY_OPEN.test(text), JSON.stringify(text.length > 200 ? text.replace(/a{100,}/g, (run) => `a*${run.length}`) : text));
    }
  });

  it('reads a text of millions of {{ in one pass, and still finds the action at its end', () => {
    // Every `{{` was tried with up to ACTION_REACH characters after it: 3 s for 4 MB of `{`.
    const braces = `a: "${'{'.repeat(4_000_000)}"\n`;
    assert.equal(hasHelmAction(braces), false);
    assert.equal(hasHelmAction(`${braces}b: "{{ .Values.x }}"\n`), true);
    assert.equal(hasHelmAction(`a: ${'{{ '.repeat(1_000_000)}\n`), false);
  });
});
