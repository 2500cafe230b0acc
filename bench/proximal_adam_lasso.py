#!/usr/bin/env python3
"""Adam with proximal L1 against the lasso optimum, linear models, full batch (issue 16, item 3).

For breast cancer (binary cross-entropy, one output), wine (softmax cross-entropy, three outputs)
and diabetes (mean squared error), standardized features: the optimum of
    mean loss + (λ/m)·Σ|w|,  m = n (full batch; the intercept is not penalised)
by scikit-learn (LogisticRegression(penalty='l1', solver='saga', C = 1/λ) for the two classifiers,
Lasso(alpha = λ/(2n)) for diabetes), then `fastreg train --hidden none --l1 λ --optimizer adam
--batch-size 0` at each --lr, reading the saved weights. Prints the objective ratio and the zeros.
Usage: /usr/bin/python3 bench/proximal_adam_lasso.py [fastreg command ...]
(default: dotnet run -c Release --no-build --project src/Cli --)
"""
import json
import os
import struct
import subprocess
import sys
import tempfile
import warnings

import numpy as np
from sklearn.datasets import load_breast_cancer, load_diabetes, load_wine
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import Lasso, LogisticRegression

warnings.filterwarnings("ignore", category=ConvergenceWarning)
here = os.path.dirname(os.path.abspath(__file__))
fastreg = sys.argv[1:] or ["dotnet", "run", "-c", "Release", "--no-build", "--project", os.path.join(here, "..", "src", "Cli"), "--"]


def read_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, t in header.items():
        if name == "__metadata__":
            continue
        a, b = t["data_offsets"]
        out[name] = np.frombuffer(data[a:b], dtype=np.float64 if t["dtype"] == "F64" else np.float32).reshape(t["shape"]).astype(np.float64)
    return out


def objective(kind, x, y, w, b, lam):
    z = x @ w.T + b
    n = len(x)
    if kind == "bce":
        loss = np.mean(np.maximum(z, 0) - z * y[:, None] + np.log1p(np.exp(-np.abs(z))))
    elif kind == "ce":
        zs = z - z.max(axis=1, keepdims=True)
        loss = np.mean(np.log(np.exp(zs).sum(axis=1)) - zs[np.arange(n), y])
    else:
        loss = np.mean((z[:, 0] - y) ** 2)
    return loss + lam / n * np.abs(w).sum()


def optimum(kind, x, y, lam):
    n = len(x)
    if kind == "mse":
        m = Lasso(alpha=lam / (2 * n), tol=1e-12, max_iter=1_000_000).fit(x, y)
        return m.coef_[None, :], np.array([m.intercept_])
    m = LogisticRegression(penalty="l1", solver="saga", C=1 / lam, tol=1e-12, max_iter=200_000,
                           multi_class="multinomial" if kind == "ce" else "auto").fit(x, y)
    return m.coef_, m.intercept_


def run_fastreg(kind, x, y, lam, lr, steps, tmp):
    np.save(os.path.join(tmp, "x.npy"), x)
    np.save(os.path.join(tmp, "y.npy"), y.astype(np.int64) if kind == "ce" else y.astype(np.float64)[:, None])
    out = os.path.join(tmp, "w.safetensors")
    loss = {"bce": "bce", "ce": "ce", "mse": "mse"}[kind]
    subprocess.run(fastreg + ["train", "--x", os.path.join(tmp, "x.npy"), "--y", os.path.join(tmp, "y.npy"), "--loss", loss,
                              "--hidden", "none", "--l1", repr(lam), "--optimizer", "adam", "--lr", repr(lr), "--batch-size", "0",
                              "--epochs", str(steps), "--valid-fraction", "0", "--dtype", "f64", "--save", out, "--json"],
                   check=True, capture_output=True)
    t = read_safetensors(out)
    return t["0.weight"], t["0.bias"]


cases = [
    ("breast cancer", "bce", load_breast_cancer(return_X_y=True), 20.0),
    ("wine", "ce", load_wine(return_X_y=True), 10.0),
    ("diabetes", "mse", load_diabetes(return_X_y=True), 50.0),
]
print(f"{'data':14} {'λ':>7} {'optimum':>10} {'zeros':>6} | {'lr':>5} {'steps':>6} {'objective':>10} {'ratio':>8} {'zeros':>6} {'same zeros':>10}")
with tempfile.TemporaryDirectory() as tmp:
    for name, kind, (x, y), lam in cases:
        x = (x - x.mean(axis=0)) / x.std(axis=0)
        if kind == "mse":
            y = (y - y.mean()) / y.std()
        w0, b0 = optimum(kind, x, y, lam)
        f0 = objective(kind, x, y, w0, b0, lam)
        zeros0 = np.abs(w0) < 1e-8
        for lr, steps in [(0.01, 5000), (0.1, 5000), (5.0, 5000)]:
            w, b = run_fastreg(kind, x, y, lam, lr, steps, tmp)
            f = objective(kind, x, y, w, b, lam)
            print(f"{name:14} {lam:7g} {f0:10.6f} {int(zeros0.sum()):3}/{w0.size:<3}| {lr:5g} {steps:6} {f:10.6f} {f / f0:8.4f} "
                  f"{int((w == 0).sum()):3}/{w.size:<3} {str(bool(((w == 0) == zeros0).all())):>10}")
