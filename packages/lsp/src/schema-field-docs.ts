// The field documentation of podlint-lsp's hover and completion, from core's Kubernetes API schemas (the same
// ones schema validation uses, bundled custom resources included): what `kubectl explain` would say, offline.
import { describeField } from '@podlint/core';
import type { FieldDoc, FieldDocsProvider } from './field-docs.js';

export const schemaFieldDocs: FieldDocsProvider = {
  describe(apiVersion, kind, path) {
    const field = describeField(apiVersion, kind, path);
    if (!field) return undefined;
    const last = path[path.length - 1];
    const doc: FieldDoc = { name: typeof last === 'string' ? last : kind, type: field.type, required: field.required };
    if (field.description) doc.description = field.description;
    const values = field.enum?.filter((value) => value !== null && value !== '').map(String);
    if (values && values.length > 0) doc.enum = values;
    return doc;
  },
  complete(apiVersion, kind, path) {
    const fields = describeField(apiVersion, kind, path)?.fields ?? [];
    return fields.map((field) => ({ name: field.name, type: field.type, required: field.required, ...(field.description ? { description: field.description } : {}) }));
  },
};
