// Character codes the fast readers (fast-yaml.ts, fast-json.ts, scalar-text.ts) compare with charCodeAt.
export const SPACE = 32;
export const NEWLINE = 10;
export const RETURN = 13;
export const HASH = 35;
export const COLON = 58;
export const DASH = 45;
export const SINGLE_QUOTE = 39;
export const DOUBLE_QUOTE = 34;
export const BACKSLASH = 92;
