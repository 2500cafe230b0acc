#!/usr/bin/env bash
# GEMM against OpenBLAS (issue 12 item 5): every shape of docs/benchmarks-gemm.md's table, float and double,
# FastReg's public Blas.Gemm on 1 and 2 threads (Blas.MaxThreads) against OpenBLAS's cblas_sgemm/cblas_dgemm
# (P/Invoke into Debian's libopenblas, openblas_set_num_threads 1 and 2) in the same process, interleaved
# round by round, median of ROUNDS. Run twice: in a default host (DOTNET_TieredCompilation=1, what an app
# gets) and in the tuned host (the bench's runtimeconfig: tiered compilation off), then merged.
#
#   bench/gemm/run.sh [ROUNDS]        (default 5)
#
# OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are unset for this script only, so OpenBLAS picks its own kernels.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-5}
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
dotnet build -c Release bench/FastReg.Bench -v q -nologo >&2
DLL=bench/FastReg.Bench/bin/Release/net10.0/FastReg.Bench.dll
ARGS=(gemm --max 2048 --rounds "$ROUNDS" --median --no-mathnet --only "FastReg public,OpenBLAS")
D=$(mktemp -d)
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)"
DOTNET_TieredCompilation=1 dotnet "$DLL" "${ARGS[@]}" | tee "$D/default.md"
dotnet "$DLL" "${ARGS[@]}" | tee "$D/tuned.md"
echo "# $(date -u '+%H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 bench/gemm/merge.py "$D/default.md" "$D/tuned.md"
rm -rf "$D"
