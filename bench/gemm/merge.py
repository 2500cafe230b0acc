#!/usr/bin/env python3
"""Merges bench/gemm/run.sh's two tables (default host, tuned host) into one per element type:
FastReg public 1T in each host against OpenBLAS 1T of the same process, the issue-12 targets
(>= 0.9x OpenBLAS for every shape, >= 1.0x for n <= 64) and the two-thread scaling at n = 1024.

    merge.py DEFAULT.md TUNED.md
"""
import re
import sys


def tables(path):
    """{type: {shape: {column: gflops}}} from the bench's markdown."""
    out, kind, cols = {}, None, None
    for line in open(path, encoding="utf-8"):
        if line.startswith("### "):
            kind = "SGEMM" if "SGEMM" in line else "DGEMM"
            out[kind] = {}
        elif line.startswith("| shape |"):
            cols = [c.strip() for c in line.strip().strip("|").split("|")]
        elif line.startswith("| ") and kind and cols and not line.startswith("|---"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            row = {}
            for name, cell in zip(cols[1:], cells[1:]):
                m = re.match(r"([0-9.]+)", cell)
                if m:
                    row[name] = float(m.group(1))
            out[kind][cells[0]] = row
    return out


default, tuned = tables(sys.argv[1]), tables(sys.argv[2])
for kind in default:
    print(f"\n### {kind}, GFLOPS (median of the rounds); ratio = FastReg public 1T / OpenBLAS 1T of the same process\n")
    print("| shape | FastReg default host 1T | OpenBLAS 1T (default-host run) | ratio default host | FastReg tuned host 1T | OpenBLAS 1T (tuned-host run) | ratio tuned host | target | met (default host) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for shape, d in default[kind].items():
        t = tuned.get(kind, {}).get(shape, {})
        n = re.match(r"n=(\d+)$", shape)
        target = 1.0 if n and int(n.group(1)) <= 64 else 0.9
        rd = d["FastReg public 1T"] / d["OpenBLAS 1T"]
        rt = t["FastReg public 1T"] / t["OpenBLAS 1T"] if t else float("nan")
        print(f"| {shape} | {d['FastReg public 1T']:.1f} | {d['OpenBLAS 1T']:.1f} | {rd:.2f}x | "
              f"{t.get('FastReg public 1T', float('nan')):.1f} | {t.get('OpenBLAS 1T', float('nan')):.1f} | {rt:.2f}x | "
              f"{target:.1f}x | {'met' if rd >= target else 'missed'} |")
    for host, tab in (("default host", default), ("tuned host", tuned)):
        row = tab.get(kind, {}).get("n=1024")
        if row and "FastReg public 2T" in row:
            f = row["FastReg public 2T"] / row["FastReg public 1T"]
            o = row["OpenBLAS 2T"] / row["OpenBLAS 1T"]
            print(f"\n{kind} n=1024, {host}: FastReg 2T {row['FastReg public 2T']:.1f} / 1T {row['FastReg public 1T']:.1f} GFLOPS = {f:.2f}x "
                  f"(target >= 1.8x: {'met' if f >= 1.8 else 'missed'}); OpenBLAS 2T / 1T = {row['OpenBLAS 2T']:.1f} / {row['OpenBLAS 1T']:.1f} = {o:.2f}x")
