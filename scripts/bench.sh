#!/usr/bin/env bash
# Runs the SDK's benchmarks against their hand-written net/http baselines
# and prints one Markdown table of the results (scripts/benchtable).
#
#   scripts/bench.sh                  # full run: 256 MiB media, -count 5, -benchtime 3s
#   COUNT=1 BENCHTIME=1x scripts/bench.sh   # quick look
#   BENCH='^BenchmarkGet$|^BenchmarkWalk$' scripts/bench.sh   # some benchmarks only
#   PROFILE=1 scripts/bench.sh        # also print the SDK's top CPU and allocation sites
#
# The raw benchmark output is kept in $OUT (default bench.out in a temp dir)
# for benchstat.
set -euo pipefail
cd "$(dirname "$0")/.."

COUNT=${COUNT:-5}
BENCHTIME=${BENCHTIME:-3s}
BENCH=${BENCH:-.}
export TELNYX_BENCH_FULL=${TELNYX_BENCH_FULL:-1}
dir=$(mktemp -d)
OUT=${OUT:-$dir/bench.out}

{
  echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//'), $(go version | cut -d' ' -f3-)"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) (figures are only as quiet as the machine)"
  echo "run: go test -run '^\$' -bench '$BENCH' -benchtime $BENCHTIME -count $COUNT (TELNYX_BENCH_FULL=$TELNYX_BENCH_FULL)"
} >&2
# Build once, then run the binary: edits to the tree during the run change nothing.
go test -c -o "$dir/bench.test" .
"$dir/bench.test" -test.run '^$' -test.bench "$BENCH" -test.benchtime "$BENCHTIME" -test.count "$COUNT" -test.timeout 60m | tee "$OUT" >&2
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)" >&2
go run ./scripts/benchtable < "$OUT"

if [ "${PROFILE:-0}" = 1 ]; then
  # Client-only profiles (in-memory transport). CPU samples carry the
  # pprof label side=sdk|raw; allocation sites are kept to stacks through
  # the SDK's engine (package telnyx).
  # Two runs: recording every allocation would swamp the CPU profile.
  prof='^BenchmarkGet$/^memory$|^BenchmarkWalk$/^memory$'
  "$dir/bench.test" -test.run '^$' -test.bench "$prof" -test.benchtime 3s -test.cpuprofile "$dir/cpu.out" >/dev/null
  "$dir/bench.test" -test.run '^$' -test.bench "$prof" -test.benchtime 5x -test.memprofile "$dir/mem.out" -test.memprofilerate 1 >/dev/null
  echo; echo "## SDK CPU, top by flat (tagfocus side=sdk)"; echo '```'
  go tool pprof -top -nodecount 20 -tagfocus side=sdk "$dir/bench.test" "$dir/cpu.out" 2>/dev/null | sed -n '/flat%/,$p'
  echo '```'; echo; echo "## SDK allocations, top by objects (focus telnyx-go.(*Client).Do)"; echo '```'
  go tool pprof -top -nodecount 20 -sample_index alloc_objects -focus 'telnyx-go\.\(\*Client\)\.Do' "$dir/bench.test" "$dir/mem.out" 2>/dev/null | sed -n '/flat%/,$p'
  echo '```'
  echo "profiles: $dir" >&2
fi
