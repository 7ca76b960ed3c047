#!/usr/bin/env bash
# Opens a fixture in headless Neovim with podlint-lsp attached, waits for the diagnostics, prints them, and
# compares them with what the podlint command reports for the same file (line, column, rule). Exits non-zero on
# a mismatch; skips (exit 0, with a message) when nvim is not installed. Needs a build first.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v nvim >/dev/null 2>&1; then
  echo "test-neovim: skipped: nvim is not installed (apt-get install neovim)"
  exit 0
fi
fixture="${1:-examples/problems/everything-in-one-pod.yaml}"
echo "test-neovim: $(nvim --version | head -1), fixture ${fixture}"

expected="$(node packages/cli/bin/podlint.js --format json "$fixture" | node -e '
  let input = ""; process.stdin.on("data", (chunk) => (input += chunk)).on("end", () => {
    const lines = JSON.parse(input).flatMap((file) => file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`));
    console.log(lines.sort().join("\n"));
  });' || true)"

actual="$(PODLINT_LSP_BIN="$PWD/packages/lsp/bin/podlint-lsp.js" timeout 60 nvim --headless -u NONE -i NONE -n \
  -c "luafile scripts/neovim/check-diagnostics.lua" "$fixture" 2>&1 | tr -d '\r' | grep -E '^[0-9]+:[0-9]+ ' | sort || true)"

echo "podlint (command line):"
echo "${expected}" | sed 's/^/  /'
echo "Neovim, from podlint-lsp:"
echo "${actual}" | sed 's/^/  /'
if [ -z "$expected" ] || [ "$expected" != "$actual" ]; then
  echo "test-neovim: FAILED: Neovim's diagnostics differ from the command's"
  exit 1
fi
echo "test-neovim: ok ($(echo "$actual" | wc -l) diagnostics match)"
