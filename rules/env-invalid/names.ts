// The name rules the API server applies to environment variables and to the ConfigMaps, Secrets and keys they
// refer to (apimachinery's IsEnvVarName, IsRelaxedEnvVarName, IsDNS1123Subdomain, IsConfigMapKey).
import { isAtLeast } from '@podlint/core';

const STRICT_ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/** Why an environment variable name (or envFrom prefix) is rejected, or undefined when it is fine. */
export function envNameProblem(name: string, kubernetesVersion: string): string | undefined {
  // RelaxedEnvironmentVariableValidation: beta and on by default from 1.32, GA in 1.34.
  if (isAtLeast(kubernetesVersion, '1.32')) {
    return [...name].some((char) => char === '=' || char < ' ' || char > '~')
      ? 'may contain only printable ASCII characters other than "="'
      : undefined;
  }
  if (!STRICT_ENV_NAME.test(name)) return "may contain only letters, digits, '_', '-' and '.', and must not start with a digit (before Kubernetes 1.32)";
  return dotProblem(name);
}

function dotProblem(name: string): string | undefined {
  if (name === '.' || name === '..') return `must not be "${name}"`;
  if (name.startsWith('..')) return 'must not start with ".."';
  return undefined;
}

/** A ConfigMap or Secret name: a lowercase RFC 1123 subdomain (`prefix` tolerates a trailing '-'). */
export function objectNameProblem(name: string, prefix = false): string | undefined {
  const checked = prefix && name.endsWith('-') ? `${name.slice(0, -1)}a` : name;
  if (checked.length > 253) return 'must be no more than 253 characters';
  if (!SUBDOMAIN.test(checked)) return "must be a lowercase RFC 1123 subdomain: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit";
  return undefined;
}

/** A key of a ConfigMap or Secret. */
export function configKeyProblem(key: string): string | undefined {
  if (key.length > 253) return 'must be no more than 253 characters';
  if (!CONFIG_KEY.test(key)) return "may contain only letters, digits, '-', '_' and '.'";
  return dotProblem(key);
}
