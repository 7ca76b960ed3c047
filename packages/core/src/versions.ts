// Kubernetes versions as the config writes them ("1.36"): compared numerically, so that "1.9" < "1.10".

export interface KubernetesVersion {
  major: number;
  minor: number;
}

export function parseKubernetesVersion(version: string): KubernetesVersion {
  const match = /^v?(\d+)\.(\d+)/.exec(version.trim());
  if (!match) throw new Error(`not a Kubernetes version: "${version}"`);
  return { major: Number(match[1]), minor: Number(match[2]) };
}

/** Negative, zero or positive as `a` is older than, the same as, or newer than `b`. */
export function compareKubernetesVersions(a: string, b: string): number {
  const left = parseKubernetesVersion(a);
  const right = parseKubernetesVersion(b);
  return left.major - right.major || left.minor - right.minor;
}

/** True when `version` is `minimum` or newer: `isAtLeast(settings.kubernetesVersion, '1.35')`. */
export function isAtLeast(version: string, minimum: string): boolean {
  return compareKubernetesVersions(version, minimum) >= 0;
}
