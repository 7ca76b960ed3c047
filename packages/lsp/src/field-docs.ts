// Field documentation (what `kubectl explain` shows) for hover and completion. podlint-lsp does not know the
// Kubernetes API itself: a FieldDocsProvider, built from the API schemas, answers by apiVersion, kind and path.
import type { AnyRuleModule, Path } from '@podlint/core';
import { CompletionItemKind, MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver';
import type { CompletionSite, CursorContext } from './cursor-context.js';

export interface FieldDoc {
  /** The field's name (the last path segment). */
  name: string;
  /** As `kubectl explain` writes it: string, integer, boolean, Object, []Container, map[string]string. */
  type?: string;
  description?: string;
  /** The values the API accepts, when it lists them. */
  enum?: readonly string[];
  required?: boolean;
}

export interface FieldDocsProvider {
  /** The field at `path` of an object of this apiVersion and kind; numbers in the path stand for list items. */
  describe(apiVersion: string, kind: string, path: Path): FieldDoc | undefined;
  /** The fields that the mapping at `path` may hold ([] = the object's top level). */
  complete(apiVersion: string, kind: string, path: Path): readonly FieldDoc[];
}

/** `Deployment.spec.template.spec.containers[].image`, the way kubectl explain names a field. */
export function fieldName(kind: string, path: Path): string {
  return path.reduce<string>((name, segment) => (typeof segment === 'number' ? `${name}[]` : `${name}.${segment}`), kind);
}

export function fieldHover(provider: FieldDocsProvider, context: CursorContext): string | undefined {
  const doc = provider.describe(context.apiVersion, context.kind, context.path);
  if (!doc) return undefined;
  const lines = [`**${doc.name}**${doc.type ? ` \`<${doc.type}>\`` : ''}${doc.required ? ' (required)' : ''}`, '', `\`${fieldName(context.kind, context.path)}\` (${context.apiVersion})`];
  if (doc.description) lines.push('', doc.description);
  if (doc.enum && doc.enum.length > 0) lines.push('', `Allowed values: ${doc.enum.map((value) => `\`${value}\``).join(', ')}`);
  return lines.join('\n');
}

/** What a rule is about, for a hover on its diagnostic. */
export function ruleHover(rule: AnyRuleModule): string {
  const link = rule.meta.docs.url ? ` ([${rule.name}](${rule.meta.docs.url}))` : ` (${rule.name})`;
  return `**podlint**${link}: ${rule.meta.docs.description}`;
}

export function completionItems(provider: FieldDocsProvider, site: CompletionSite, range: Range): CompletionItem[] {
  if (site.at === 'key') {
    const existing = new Set(site.existingKeys);
    return provider
      .complete(site.apiVersion, site.kind, site.path)
      .filter((field) => !existing.has(field.name))
      .map((field) => ({
        label: field.name,
        kind: CompletionItemKind.Property,
        detail: [field.type, field.required ? 'required' : undefined].filter(Boolean).join(', ') || undefined,
        documentation: field.description ? { kind: MarkupKind.Markdown, value: field.description } : undefined,
        // Required fields first, then alphabetical.
        sortText: `${field.required ? '0' : '1'}${field.name}`,
        textEdit: { range, newText: `${field.name}${site.textAfter}` },
      }));
  }
  const field = provider.describe(site.apiVersion, site.kind, site.path);
  if (!field) return [];
  const values = field.enum && field.enum.length > 0 ? field.enum : field.type === 'boolean' ? ['true', 'false'] : [];
  return values.map((value, index) => ({
    label: value,
    kind: CompletionItemKind.EnumMember,
    detail: fieldName(site.kind, site.path),
    documentation: field.description ? { kind: MarkupKind.Markdown, value: field.description } : undefined,
    sortText: String(index).padStart(4, '0'),
    textEdit: { range, newText: `${site.textBefore}${value}` },
  }));
}
