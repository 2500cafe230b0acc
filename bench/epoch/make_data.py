#!/usr/bin/env python3
"""Synthesizes the epoch benchmark's data set from a seed: 60,000 x 784 float32 inputs uniform in
[0, 1) (the shape and range of MNIST's pixels) and labels 0-9 from a fixed random linear teacher
(argmax of x·W + b), so both contestants train on identical, learnable data.

    /usr/bin/python3 bench/epoch/make_data.py OUT_DIR [seed]

Writes OUT_DIR/x.npy (<f4, 60000x784) and OUT_DIR/y.npy (<i8, 60000).
"""
import os
import sys

import numpy as np

ROWS, FEATURES, CLASSES = 60_000, 784, 10


def main():
    out = sys.argv[1]
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    rng = np.random.default_rng(seed)
    x = rng.random((ROWS, FEATURES), dtype=np.float32)
    w = rng.standard_normal((FEATURES, CLASSES)).astype(np.float32)
    b = rng.standard_normal(CLASSES).astype(np.float32)
    # Centre the teacher's logits so every class occurs.
    logits = (x - 0.5) @ w + b
    y = logits.argmax(axis=1).astype(np.int64)
    os.makedirs(out, exist_ok=True)
    np.save(os.path.join(out, "x.npy"), x)
    np.save(os.path.join(out, "y.npy"), y)
    counts = np.bincount(y, minlength=CLASSES)
    print(f"wrote {ROWS}x{FEATURES} float32 and labels (seed {seed}; class counts {counts.tolist()}) to {out}")


if __name__ == "__main__":
    main()
