#!/usr/bin/env python3
"""Summarizes bench/epoch/run.sh's per-epoch lines (round, contestant, threads, epoch, seconds, loss) on
stdin: per contestant and thread count the median steady epoch (index >= 1) and the median first epoch;
then the issue-12 targets (FastReg 1T at least 1.5x faster than PyTorch 1T; FastReg 2T at least 1.8x its
own 1T), both from the medians over all rounds and as the median of the per-round ratios (each round's
contestants ran back to back, so a per-round ratio sees the same machine state)."""
import statistics
import sys
from collections import defaultdict

steady, first = defaultdict(list), defaultdict(list)
per_round = defaultdict(list)
for line in sys.stdin:
    parts = line.rstrip("\n").split("\t")
    if len(parts) != 6:
        continue
    rnd, who, threads, epoch, seconds = int(parts[0]), parts[1], int(parts[2]), int(parts[3]), float(parts[4])
    if epoch == 0:
        first[(who, threads)].append(seconds)
    else:
        steady[(who, threads)].append(seconds)
        per_round[(rnd, who, threads)].append(seconds)

med = {k: statistics.median(v) for k, v in steady.items()}
print("| contestant | threads | median steady epoch (s) | epochs | min-max (s) | median first epoch (s) |")
print("|---|---:|---:|---:|---|---:|")
for k in sorted(steady):
    v = steady[k]
    f = statistics.median(first[k]) if first[k] else float("nan")
    print(f"| {k[0]} | {k[1]} | {med[k]:.3f} | {len(v)} | {min(v):.3f}-{max(v):.3f} | {f:.3f} |")

rounds = sorted({k[0] for k in per_round})
rmed = {k: statistics.median(v) for k, v in per_round.items()}


def paired(num, den):
    ratios = [rmed[(r,) + num] / rmed[(r,) + den] for r in rounds if (r,) + num in rmed and (r,) + den in rmed]
    return ratios


print()
for host in ("fastreg-default", "fastreg-tuned"):
    for label, num, den, target in (
        ("PyTorch 1T / FastReg 1T", ("pytorch", 1), (host, 1), 1.5),
        ("FastReg 1T / FastReg 2T", (host, 1), (host, 2), 1.8),
    ):
        if num not in med or den not in med:
            continue
        overall = med[num] / med[den]
        ratios = paired(num, den)
        per = ", ".join(f"{x:.2f}" for x in ratios)
        pm = statistics.median(ratios) if ratios else float("nan")
        verdict = "met" if pm >= target else "missed"
        print(f"{host}: {label} = {overall:.2f}x from the medians; per round {per}; median per round {pm:.2f}x "
              f"(target >= {target}x: {verdict})")
if ("pytorch", 1) in med and ("pytorch", 2) in med:
    print(f"pytorch: 1T / 2T = {med[('pytorch', 1)] / med[('pytorch', 2)]:.2f}x")
