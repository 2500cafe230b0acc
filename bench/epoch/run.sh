#!/usr/bin/env bash
# The 60,000 x 784 epoch (issue 12 item 6): FastReg against PyTorch 1.13 in one run, same data.
#
#   bench/epoch/run.sh [ROUNDS] [EPOCHS]      (defaults 3 rounds, 3 timed epochs per process)
#
# Each round runs, one after another, in fresh processes: FastReg 1 thread, PyTorch 1 thread, FastReg 2
# threads, PyTorch 2 threads (FastReg in a default host, runtime defaults), then FastReg 1 and 2 threads in
# a tuned host (DOTNET_TieredCompilation=0, the bench's setting). The summary gives, per contestant, the
# median over every steady epoch (epoch index >= 1) and the first epoch apart. OPENBLAS_CORETYPE and
# OPENBLAS_L2_SIZE are unset for this script's processes only, so PyTorch's OpenBLAS picks its own kernels.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-3}
EPOCHS=${2:-3}
DATA=${EPOCH_DATA:-/tmp/fastreg-epoch-data}
PY=/usr/bin/python3
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE

dotnet build -c Release bench/FastReg.EpochBench -v q -nologo >&2
[ -f "$DATA/x.npy" ] || "$PY" bench/epoch/make_data.py "$DATA" >&2
DLL=bench/FastReg.EpochBench/bin/Release/net10.0/FastReg.EpochBench.dll
OUT=$(mktemp)
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $ROUNDS rounds x $EPOCHS epochs" >&2
# Each line gets its round number in front, so the summary can pair contestants round by round.
tag() { sed "s/^/$1\t/" | tee -a "$OUT"; }
for r in $(seq 1 "$ROUNDS"); do
  dotnet "$DLL" "$DATA" 1 "$EPOCHS" fastreg-default | tag "$r"
  "$PY" bench/epoch/torch_epoch.py "$DATA" 1 "$EPOCHS" | tag "$r"
  dotnet "$DLL" "$DATA" 2 "$EPOCHS" fastreg-default | tag "$r"
  "$PY" bench/epoch/torch_epoch.py "$DATA" 2 "$EPOCHS" | tag "$r"
  DOTNET_TieredCompilation=0 dotnet "$DLL" "$DATA" 1 "$EPOCHS" fastreg-tuned | tag "$r"
  DOTNET_TieredCompilation=0 dotnet "$DLL" "$DATA" 2 "$EPOCHS" fastreg-tuned | tag "$r"
done
echo "# load at the end $(cut -d' ' -f1-3 /proc/loadavg)"
"$PY" bench/epoch/summarize.py < "$OUT"
rm -f "$OUT"
