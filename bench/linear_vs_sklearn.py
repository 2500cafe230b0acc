"""fastreg train --hidden none (default flags + --standardize) against scikit-learn on the same split, one run.

Split: every 4th row (i % 4 == 0) is the test set, as tests/FastReg.Tests/Cli/LinearModelEndToEndTests.cs
splits, and scikit-learn's train_test_split(test_size=0.25, random_state=0) as docs/linear-models.md quotes.
scikit-learn: StandardScaler + LogisticRegression() (C=1, lbfgs) or LinearRegression(), fitted on the training rows.
Usage: /usr/bin/python3 bench/linear_vs_sklearn.py path/to/fastreg
"""
import csv, os, subprocess, sys, tempfile
import numpy as np
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.metrics import accuracy_score, r2_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

fastreg = sys.argv[1]
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "sklearn")

def load(name):
    with open(os.path.join(root, name + ".csv")) as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]

def write(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f); w.writerow(header); w.writerows(rows)

def run(name, regression, split):
    header, rows = load(name)
    n = len(rows)
    if split == "every4":
        test = [i for i in range(n) if i % 4 == 0]
    else:
        y = [r[-1] for r in rows]
        _, test = train_test_split(np.arange(n), test_size=0.25, random_state=0, stratify=None)
        test = sorted(test.tolist())
    tests = set(test)
    train = [i for i in range(n) if i not in tests]
    X = np.array([[float(v) for v in r[:-1]] for r in rows]); yv = np.array([float(r[-1]) for r in rows])
    scaler = StandardScaler().fit(X[train])
    model = (LinearRegression() if regression else LogisticRegression()).fit(scaler.transform(X[train]), yv[train])
    pred = model.predict(scaler.transform(X[test]))
    sk = r2_score(yv[test], pred) if regression else accuracy_score(yv[test], pred)
    with tempfile.TemporaryDirectory() as tmp:
        tr, te, w, out = (os.path.join(tmp, f) for f in ("train.csv", "test.csv", "m.safetensors", "pred.csv"))
        write(tr, header, [rows[i] for i in train]); write(te, header[:-1], [rows[i][:-1] for i in test])
        subprocess.run([fastreg, "train", tr, "--hidden", "none", "--standardize", "--valid-fraction", "0", "--save", w],
                       check=True, capture_output=True)
        subprocess.run([fastreg, "predict", te, "--weights", w, "--out", out], check=True, capture_output=True)
        with open(out) as f:
            p = np.array([float(r[0]) for r in list(csv.reader(f))[1:]])
    fr = r2_score(yv[test], p) if regression else accuracy_score(yv[test], p)
    metric = "R2" if regression else "accuracy"
    print(f"{name:14s} split {split:9s} {metric:8s} scikit-learn {sk:.4f}  fastreg {fr:.4f}  gap {fr - sk:+.4f}")

for split in ("every4", "sklearn"):
    for name, regression in (("wine", False), ("iris", False), ("breast_cancer", False), ("diabetes", True)):
        run(name, regression, split)
