// Formatters by name, each loaded only when asked for (start-up cost is paid for the one in use).
import type { Formatter } from './types.js';

export const FORMATTERS: Readonly<Record<string, () => Promise<Formatter>>> = {
  stylish: async () => (await import('./stylish.js')).default,
  json: async () => (await import('./json.js')).default,
  compact: async () => (await import('./compact.js')).default,
  github: async () => (await import('./github.js')).default,
  junit: async () => (await import('./junit.js')).default,
  sarif: async () => (await import('./sarif.js')).default,
};

export type { Formatter, FormatterContext, ReportedFile, RuleSummary } from './types.js';
