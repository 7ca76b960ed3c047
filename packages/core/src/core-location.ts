// Files and dependencies of the core package (its generated schemas, ajv, picomatch), found from core's own
// location: also when core's code runs from the command's single-file bundle, which lives in another package.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

let distUrl: string | undefined;

/** The URL of core's dist/ directory (where its index.js is). */
function coreDistUrl(): string {
  if (distUrl) return distUrl;
  const here = import.meta.url;
  // Core's own dist/, or, from the command's bundle in @podlint/cli/dist/, its sibling package @podlint/core (as
  // npm and the workspace lay them out): checked by name, so a look costs one small read.
  for (const candidate of ['./', '../../core/dist/']) {
    if (isCoreDist(new URL(candidate, here))) return (distUrl = new URL(candidate, here).href);
  }
  // Elsewhere (pnpm's isolated layout): ask Node where the package the bundle depends on is.
  distUrl = new URL('./', pathToFileURL(createRequire(here).resolve('@podlint/core'))).href;
  return distUrl;
}

function isCoreDist(directory: URL): boolean {
  try {
    return (JSON.parse(readFileSync(new URL('../package.json', directory), 'utf8')) as { name?: string }).name === '@podlint/core';
  } catch {
    return false;
  }
}

/** A URL relative to core's dist/ directory: `coreUrl('../generated/kubernetes/')`. */
export function coreUrl(relative: string): URL {
  return new URL(relative, coreDistUrl());
}

/** Loads one of core's own dependencies synchronously (lazy loading that must not make parsing asynchronous). */
export function requireFromCore<T>(id: string): T {
  return createRequire(coreDistUrl())(id) as T;
}
