#!/usr/bin/env bash
# Runs pdu_decoder_fuzz for a bounded time and fails on any crash.
#
#   tests/fuzz/run_fuzz.sh BUILD_DIR SECONDS
#
# BUILD_DIR was configured with CMAKE_CXX_COMPILER=clang++ -DTELLAL_FUZZ=ON
# -DTELLAL_SANITIZE=ON and has pdu_decoder_fuzz built. The fuzzer works on a
# copy of the seed corpus, so the repository's corpus only changes by hand.
# Crash inputs (crash-*, leak-*, timeout-*, oom-*) are written to
# $FUZZ_ARTIFACTS (default BUILD_DIR/fuzz-artifacts) for CI to upload.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 BUILD_DIR SECONDS" >&2
  exit 2
fi
build_dir=$1
seconds=$2
if ! [[ $seconds =~ ^[1-9][0-9]*$ ]]; then
  echo "run_fuzz.sh: SECONDS must be a positive integer, got '$seconds'" >&2
  exit 2
fi

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
fuzzer=$build_dir/tests/fuzz/pdu_decoder_fuzz
if [[ ! -x $fuzzer ]]; then
  echo "run_fuzz.sh: $fuzzer not found; build the pdu_decoder_fuzz target first" >&2
  exit 2
fi

artifacts=${FUZZ_ARTIFACTS:-$build_dir/fuzz-artifacts}
mkdir -p "$artifacts"
corpus=$(mktemp -d "${TMPDIR:-/tmp}/pdu_decoder_corpus.XXXXXX")
trap 'rm -rf "$corpus"' EXIT
cp "$here"/corpus/pdu_decoder/* "$corpus"/

# A timeout of 10 s per input catches hangs without tripping on a slow CI
# runner; 2 GB keeps a runaway allocation a reported bug, not a killed job.
# -print_final_stats gives exec/s and the run count in the CI log.
status=0
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1} \
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
  "$fuzzer" "$corpus" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" || status=$?

if [[ $status -ne 0 ]]; then
  echo "run_fuzz.sh: pdu_decoder_fuzz failed (exit $status); inputs in $artifacts:" >&2
  ls -l "$artifacts" >&2 || true
  exit 1
fi
echo "run_fuzz.sh: no crash in ${seconds}s"
