// Formatters by name, each loaded only when asked for (start-up cost is paid for the one in use).
import type { Formatter } from './types.js';

export const FORMATTERS: Readonly<Record<string, () => Promise<Formatter>>> = {
  stylish: async () => (await import('./stylish.js')).default,
  json: async () => (await import('./json.js')).default,
};

export type { Formatter, FormatterContext } from './types.js';
