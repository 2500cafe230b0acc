#!/usr/bin/env bash
# One command for docs/benchmarks.md: builds the bench project, probes this machine's limits, runs the
# norm-accuracy table, the exact allocation check, the quick report and every kernel benchmark (BenchmarkDotNet, short in-process
# job: about 10 minutes on 2 cores), then writes docs/benchmarks.md from the raw results.
#
#   bench/run-kernels.sh                      # everything, results in bench/results/<cpu>/
# Environment (all optional):
#   FASTREG_BENCH_SIZES=4096,1048576          # fewer sizes (default 256,4096,65536,1048576,16777216)
#   FASTREG_BENCH_PATHS=avx2                  # fewer paths (default: every path this CPU accelerates)
#   FASTREG_BENCH_FILTER='*Update*'           # BenchmarkDotNet filter (default: all kernel classes)
#   FASTREG_BENCH_CPU='AMD EPYC 7xx3 (Zen 3)' # CPU name for the doc (KVM guests often hide the model)
#   FASTREG_BENCH_NOTE='quiet machine'        # one sentence about the conditions, for the doc
#   RESULTS=dir  DOC=docs/benchmarks.md       # where raw results and the doc go
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
family=$(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | tr -d ' ')
cpumodel=$(grep -m1 '^model\s*:' /proc/cpuinfo | cut -d: -f2 | tr -d ' ')
cpu=${FASTREG_BENCH_CPU:-"$model (family $family, model $cpumodel)"}
slug=$(echo "$cpu" | tr 'A-Z' 'a-z' | sed -E 's/\(.*//; s/[^a-z0-9]+/-/g; s/^-|-$//g')-$(nproc)c
results=${RESULTS:-bench/results/$slug}
doc=${DOC:-docs/benchmarks.md}
filter=${FASTREG_BENCH_FILTER:-FastReg.Bench.Kernels.*}
dll=bench/FastReg.Bench/bin/Release/net10.0/FastReg.Bench.dll

dotnet build bench/FastReg.Bench -c Release -nologo -v q
if [ -d "$results" ] && [ -n "$(ls -A "$results")" ] && [ ! -f "$results/env.txt" ]; then
  echo "run-kernels: $results exists and is not a results folder; refusing to overwrite it" >&2; exit 1
fi
rm -rf "$results"
mkdir -p "$results"

{
  echo "date-start: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "load-start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "cpu: $cpu"
  echo "cores: $(nproc)"
  echo "caches: $(lscpu 2>/dev/null | grep -E '^L[123]' | sed -E 's/ +/ /g; s/ \([0-9]+ instances?\)//' | paste -sd ',' | sed 's/,/, /g')"
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src bench || echo '+uncommitted')"
  echo "note: ${FASTREG_BENCH_NOTE:-Conditions not described (set FASTREG_BENCH_NOTE).}"
} > "$results/env.txt"

echo "== limits"; dotnet "$dll" limits --out "$results/limits.tsv"
echo "== norm accuracy"; dotnet "$dll" norm-accuracy | tee "$results/norm-accuracy.md"
echo "== allocation check"; dotnet "$dll" alloc-check > "$results/alloc.tsv" || true
echo "== quick report"; dotnet "$dll" quick | tee "$results/quick.txt"
echo "== kernel benchmarks ($filter)"
dotnet "$dll" --filter "$filter" --artifacts "$results/bdn" --exporters github csv

echo "== limits again"; dotnet "$dll" limits --out "$results/limits-end.tsv"

{
  echo "date-end: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "load-end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "isa: $(grep -m1 '^kernel path:' "$results/quick.txt" | sed 's/^kernel path: //')"
  echo "dotnet: $(grep -m1 -o '\.NET [0-9.]*' "$results/quick.txt" | sed 's/\.NET //')"
} >> "$results/env.txt"
rm -f "$results"/bdn/*.log "$results"/bdn/results/*.html

bench/summarize --results "$results" --out "$doc"
