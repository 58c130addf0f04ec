#!/usr/bin/env bash
# wardcastd on 100 and 200 loudspeaker channels (forwarding path), then the
# peer in the same run: Liquidsoap 2.1 with 20 and 50 programmes in one
# process (bench/playout/run.sh's peer-fanout section; it has no RTP output,
# so its programmes go to Ogg/Opus files: CPU and RSS are what compare).
#   bench/daemon/run.sh BUILD_DIR [CHANNELS...]    (default: 100 200)
# Run it on an otherwise idle machine: CPU and start figures are real time.
set -euo pipefail
build=${1:?usage: run.sh BUILD_DIR [CHANNELS...]}
shift
if [[ $# -gt 0 ]]; then counts=("$@"); else counts=(100 200); fi
bench="$build/bench/daemon/bench_daemon"
echo "== wardcastd: N channels, groups of 10, 5 rounds of starts on every channel at once, one kill -9"
for n in "${counts[@]}"; do
  "$bench" --channels "$n" --group-size 10 --rounds 5 --kills 1
done
echo "== peer: Liquidsoap, 20 and 50 programmes in one process"
"$(dirname "$0")/../playout/run.sh" "$build" 60 peer-fanout
