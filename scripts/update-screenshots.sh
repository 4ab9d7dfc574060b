#!/usr/bin/env bash
# Copies the README's screenshots from the last E2E run (artifacts/screenshots/, made by
# scripts/test-app.sh e2e) into docs/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."

shots=(overview overview-dark environments environment-test-ok environment-bad-credentials sandbox palette no-keychain
  accounts authorization-waiting authorizations links-refused tool-runner tool-runner-invalid history-replay proxy-runner
  mcp-instance mcp-inspector)
mkdir -p docs/screenshots
for s in "${shots[@]}"; do
  cp "artifacts/screenshots/$s.png" "docs/screenshots/$s.png"
done
echo "update-screenshots: copied ${#shots[@]} screenshots to docs/screenshots/"
