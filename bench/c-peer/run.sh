#!/usr/bin/env bash
# The MLP step and one-sample inference against C calling OpenBLAS (issue 12 item 4's peer), interleaved:
# each round runs the C peer, then FastReg.HostBench's train and infer children in a default host and in the
# tuned host (DOTNET_TieredCompilation=0), all pinned to core 0. Prints every line and the medians over rounds.
#
#   bench/c-peer/run.sh [ROUNDS]      (default 5)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-5}
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
export OPENBLAS_NUM_THREADS=1
gcc -O3 -march=native -Wall -o /tmp/mlp_step_openblas bench/c-peer/mlp_step_openblas.c -lopenblas -lm
dotnet build -c Release bench/FastReg.HostBench -v q -nologo >&2
DLL=bench/FastReg.HostBench/bin/Release/net10.0/FastReg.HostBench.dll
OUT=$(mktemp)
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$ROUNDS"); do
  taskset -c 0 /tmp/mlp_step_openblas 11 | awk -v r="$r" -F'\t' '{ print r "\t" $1 "\t" $2 "\tsteady\t" $3 }' | tee -a "$OUT"
  for c in train infer; do
    taskset -c 0 dotnet "$DLL" --child "$c" | awk -v r="$r" -v c="$c" '{ print r "\tfastreg-default\t" c "\t" $1 "\t" $2 }' | tee -a "$OUT"
    DOTNET_TieredCompilation=0 taskset -c 0 dotnet "$DLL" --child "$c" | awk -v r="$r" -v c="$c" '{ print r "\tfastreg-tuned\t" c "\t" $1 "\t" $2 }' | tee -a "$OUT"
  done
done
echo "# $(date -u '+%H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# medians over rounds, µs per call (FastReg: after N calls; C: steady, after 2,000 warm-up steps)"
/usr/bin/python3 -c '
import statistics, sys
from collections import defaultdict
v = defaultdict(list)
for line in open(sys.argv[1]):
    r, who, case, n, us = line.split("\t")
    v[(case, who, n)].append(float(us))
for k in sorted(v):
    print("\t".join(k) + f"\t{statistics.median(v[k]):.3f}")
' "$OUT"
rm -f "$OUT"
