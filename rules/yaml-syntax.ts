import { createRule } from './rule-utils.js';

export default createRule({
  name: 'yaml-syntax',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: { description: 'YAML that the parser cannot read; the other documents of the file are still linted.', recommended: true },
    messages: {
      syntax: 'YAML syntax error: {{message}}.',
      unreadable: 'This document cannot be read: {{message}}.',
      unknownTag:
        'The YAML tag {{tag}} means nothing to Kubernetes: the value after it is read as a plain string (nothing is run or built from it). Remove the tag, or render the file with the tool it was written for first.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Document(doc) {
        for (const error of doc.errors) {
          if (error.code === 'DUPLICATE_KEY') continue;
          context.report({ offsets: error.offsets, messageId: 'syntax', data: { message: error.message } });
        }
        for (const { tag, offsets } of doc.unknownTags) {
          context.report({ offsets, messageId: 'unknownTag', data: { tag }, severity: 'warning' });
        }
        const conversion = doc.hasSyntaxErrors ? undefined : doc.conversionError;
        if (conversion) context.report({ offsets: conversion.offsets, messageId: 'unreadable', data: { message: conversion.message } });
      },
    };
  },
});
