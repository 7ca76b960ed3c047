// Kubernetes versions as the config writes them ("1.36"): compared numerically, so that "1.9" < "1.10".

export interface KubernetesVersion {
  major: number;
  minor: number;
}

// Rules compare the same few versions for every object of a run: parsed once each (frozen, so shared safely).
const parsed = new Map<string, Readonly<KubernetesVersion>>();

export function parseKubernetesVersion(version: string): KubernetesVersion {
  return { ...parsedVersion(version) };
}

/** A version parsed once (remembered for the first 1,000), shared and frozen. */
function parsedVersion(version: string): Readonly<KubernetesVersion> {
  let result = parsed.get(version);
  if (result) return result;
  const match = /^v?(\d+)\.(\d+)/.exec(version.trim());
  if (!match) throw new Error(`not a Kubernetes version: "${version}"`);
  result = Object.freeze({ major: Number(match[1]), minor: Number(match[2]) });
  if (parsed.size < 1000) parsed.set(version, result);
  return result;
}

/** Negative, zero or positive as `a` is older than, the same as, or newer than `b`. */
export function compareKubernetesVersions(a: string, b: string): number {
  // Without a copy of each: rules compare the configured version in create(), for every file.
  const left = parsedVersion(a);
  const right = parsedVersion(b);
  return left.major - right.major || left.minor - right.minor;
}

/** True when `version` is `minimum` or newer: `isAtLeast(settings.kubernetesVersion, '1.35')`. */
export function isAtLeast(version: string, minimum: string): boolean {
  return compareKubernetesVersions(version, minimum) >= 0;
}
