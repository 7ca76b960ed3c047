// The path rules of the core validation for files inside volumes and for subPaths: relative, no ".."
// element, and (for projected files) no leading ".." that could clash with the volume's own ..data links.

export type PathProblem = 'absolute' | 'backstep' | 'reserved';

/** validateLocalDescendingPath: relative, without a ".." element. */
export function descendingPathProblems(path: string): PathProblem[] {
  const problems: PathProblem[] = [];
  if (path.startsWith('/')) problems.push('absolute');
  if (hasBackstep(path)) problems.push('backstep');
  return problems;
}

/** validateLocalNonReservedPath: descending, and not starting with ".." (unless that is a "../" backstep). */
export function nonReservedPathProblems(path: string): PathProblem[] {
  const problems = descendingPathProblems(path);
  if (path.startsWith('..') && !path.startsWith('../')) problems.push('reserved');
  return problems;
}

export function hasBackstep(path: string): boolean {
  return path.split('/').includes('..');
}
