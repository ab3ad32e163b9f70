#!/usr/bin/env bash
# npm run bench [-- step coldstart install metadata matrix]: the benchmarks of bench/ against the
# local testbed (brought up if it is not; never stopped here, others may be using it).
# Writes bench/results.json and bench/RESULTS.md and prints the latter.
#   BENCH_RUNS=N            alternating rounds per comparison (default 3; the suite then takes
#                           about 7-8 minutes on a 2-core machine)
#   BENCH_MATRIX_MODES=last,all   also time the fully cold matrix (default: last)
#   BENCH_METADATA_TARGETS=1,10,30   target counts for the metadata benchmark
#   BENCH_METADATA_BUILDX_UPTO=10    up to this many targets, also time reading the records with buildx processes
#   BENCH_METADATA_SETTLE_MS=6000    untimed pause before each sample of more than one target (BuildKit writes the
#                                    traces of the last bake meanwhile)
#   BENCH_KEEP=1            keep the scratch directory
#   BENCH_PEER_DIR=DIR      a checkout of docker/build-push-action (its action.yml and dist/index.cjs):
#                           the step benchmark then times it in the same rounds (BENCH_PEER_VERSION
#                           names its version when DIR is no git checkout)
# Results: bench/RESULTS.md and bench/results.json for the sid stack, RESULTS-<stack>.md and
# results-<stack>.json for another (TESTBED_STACK=trixie).
set -euo pipefail
cd "$(dirname "$0")/.."
stack="${TESTBED_STACK:-sid}"

[ -d node_modules ] || npm ci
[ -f dist/main.js ] || npm run -s bundle
# strace times the cold start from outside the process; without it the benchmark falls back to
# main's own log timestamps.
if ! command -v strace >/dev/null 2>&1; then
  apt-get install -y -q strace >/dev/null 2>&1 || echo "bench: strace not available; cold start uses log timestamps only" >&2
fi
bash scripts/testbed.sh up --stack "$stack" >/dev/null
TESTBED_STACK="$stack" exec node bench/run.mjs "$@"
