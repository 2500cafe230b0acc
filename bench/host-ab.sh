#!/usr/bin/env bash
# Before/after of a library change in what an app gets: FastReg.HostBench's children (a plain console app,
# fresh process each) of two builds, interleaved round by round, in a default host and in the tuned host
# (DOTNET_TieredCompilation=0). Prints one line per child checkpoint; the medians over rounds at the end.
#
#   bench/host-ab.sh BASE_DLL AFTER_DLL [ROUNDS] [CASES]     (defaults: 3 rounds, "train infer")
#
# BASE_DLL / AFTER_DLL: FastReg.HostBench.dll of each build, e.g. the base from `git archive <commit>`.
set -euo pipefail
BASE=$1 AFTER=$2 ROUNDS=${3:-3} CASES=${4:-train infer}
OUT=$(mktemp)
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$ROUNDS"); do
  for c in $CASES; do
    for host in default tuned; do
      for build in base after; do
        dll=$BASE; [ "$build" = after ] && dll=$AFTER
        if [ "$host" = tuned ]; then env DOTNET_TieredCompilation=0 dotnet "$dll" --child "$c"; else dotnet "$dll" --child "$c"; fi |
          sed "s/^/$r\t$c\t$host\t$build\t/" | tee -a "$OUT"
      done
    done
  done
done
echo "# $(date -u '+%H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# medians over rounds, µs per call: case host build, then after 300 / 1,000 / 20,000 / 100,000 calls"
python3 -c '
import statistics, sys
from collections import defaultdict
v = defaultdict(list)
for line in open(sys.argv[1]):
    r, case, host, build, n, us = line.split()
    v[(case, host, build, int(n))].append(float(us))
for key in sorted({k[:3] for k in v}):
    cps = sorted(k[3] for k in v if k[:3] == key)
    print("\t".join(key) + "\t" + "\t".join(f"{statistics.median(v[key + (n,)]):.3f}" for n in cps))
' "$OUT"
rm -f "$OUT"
