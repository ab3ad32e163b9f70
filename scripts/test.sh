#!/usr/bin/env bash
# npm test: typecheck, bundle, unit tests, then the integration tests against a real testbed
# (provisioned here if none is up, and stopped again if this script started it). On a fresh clone
# it installs the dependencies first (npm ci).
# TEST_PART=unit stops after the unit tests; TEST_PART=integration runs the integration tests
# only: .ci/run runs the first once and the second once per stack, both stacks at once, after
# TEST_PART=tools (what the integration tests need beyond the testbed, then stop).
set -euo pipefail
cd "$(dirname "$0")/.."
stack="${TESTBED_STACK:-sid}"
part="${TEST_PART:-all}"
case "$part" in all | unit | integration | tools) ;; *) echo "TEST_PART is all, unit, integration or tools, not '$part'" >&2; exit 2 ;; esac

# Without node_modules, npx would offer to download an unrelated package named tsc.
[ -d node_modules ] || npm ci --no-audit --no-fund

if [ "$part" = all ] || [ "$part" = unit ]; then
  npx tsc --noEmit
  npm run -s bundle
  node --experimental-vm-modules node_modules/jest/bin/jest.js --selectProjects unit "$@"
fi
[ "$part" != unit ] || exit 0

# cmark-gfm (GitHub's markdown renderer) renders the job summary in the summary tests.
if ! command -v cmark-gfm >/dev/null; then
  apt-get install -y --no-install-recommends cmark-gfm >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y --no-install-recommends cmark-gfm; }
fi
[ "$part" != tools ] || exit 0

started=0
if ! env_file=$(bash scripts/testbed.sh env --stack "$stack" 2>/dev/null); then
  bash scripts/testbed.sh up --stack "$stack"
  started=1
elif ! grep -q '"buildkitOwnImage"' "$(dirname "$env_file")/testbed.json"; then
  bash scripts/testbed.sh buildkit-image --stack "$stack" >/dev/null # a testbed up from before it; no daemon touched
fi
cleanup() { if [ "$started" = 1 ]; then bash scripts/testbed.sh down --stack "$stack" || true; fi; }
trap cleanup EXIT
TESTBED_STACK="$stack" node --experimental-vm-modules node_modules/jest/bin/jest.js --selectProjects integration --runInBand "$@"
