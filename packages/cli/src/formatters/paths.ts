// How formatters name files: relative to the working directory where that is shorter (CI systems resolve
// report paths against the checkout), absolute otherwise; stdin keeps its `<stdin>` name.
import { relative, sep } from 'node:path';

export const STDIN_PATH = '<stdin>';

export function displayPath(filePath: string, cwd: string): string {
  if (filePath === STDIN_PATH) return filePath;
  // A file under cwd (most are) is its path after cwd's: relative() took a few ms for every 2,000 files of a run.
  const under = filePath.length > cwd.length + 1 && filePath.startsWith(cwd) && filePath[cwd.length] === sep;
  const relativePath = under ? filePath.slice(cwd.length + 1) : relative(cwd, filePath);
  return relativePath === '' || relativePath.startsWith('..') ? filePath : relativePath;
}

/** `displayPath` with forward slashes, as URIs and most CI annotations want them. */
export function portablePath(filePath: string, cwd: string): string {
  const path = displayPath(filePath, cwd);
  return sep === '/' ? path : path.split(sep).join('/');
}
