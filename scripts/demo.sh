#!/usr/bin/env bash
# npm run demo: builds examples/hello for linux/amd64 and linux/arm64 with the action's main and
# post steps against the local testbed registry, and prints the outputs and the job summary.
set -euo pipefail
cd "$(dirname "$0")/.."
stack="${TESTBED_STACK:-sid}"
[ -d node_modules ] || npm ci
[ -f dist/main.js ] || npm run -s bundle
bash scripts/testbed.sh up --stack "$stack" >/dev/null
# shellcheck disable=SC1090
source "$(bash scripts/testbed.sh env --stack "$stack")"
tag="$TESTBED_REGISTRY/demo/hello:latest"
node scripts/run-action.mjs \
  buildx-version=installed \
  context=examples/hello \
  "build-args=BASE=$TESTBED_BASE_IMAGE" \
  platforms=linux/amd64,linux/arm64 \
  push=true \
  "tags=$tag" | tee /tmp/build-image-demo.log
summary=$(sed -n 's/^job summary: //p' /tmp/build-image-demo.log)
echo; echo "=== job summary ($summary) ==="; cat "$summary"
echo; echo "The image is at http://${TESTBED_REGISTRY/localhost/127.0.0.1}/v2/demo/hello/manifests/latest"
echo "The testbed keeps running for more experiments; stop it with: bash scripts/testbed.sh down --stack $stack"
