#!/usr/bin/env bash
# npm test: typecheck, bundle, unit tests, then the integration tests against a real testbed
# (provisioned here if none is up, and stopped again if this script started it).
set -euo pipefail
cd "$(dirname "$0")/.."
stack="${TESTBED_STACK:-sid}"

# cmark-gfm (GitHub's markdown renderer) renders the job summary in the summary tests.
if ! command -v cmark-gfm >/dev/null; then
  apt-get install -y --no-install-recommends cmark-gfm >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y --no-install-recommends cmark-gfm; }
fi

npx tsc --noEmit
npm run -s bundle
node --experimental-vm-modules node_modules/jest/bin/jest.js --selectProjects unit "$@"

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
