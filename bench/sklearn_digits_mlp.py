"""scikit-learn's MLPClassifier on the split the fastreg main job uses, for the README's comparison.

The split needs only row numbers of data/digits.csv.gz (file order, 0-based): row i is a test
row when i % 5 == 4, a validation row when i % 5 == 3, and the first 300 of the other rows train.
Pixels are scaled by 1/16 as in fastreg. Run with Debian's python3-sklearn:

    /usr/bin/python3 bench/sklearn_digits_mlp.py
"""
import gzip
import os
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

warnings.filterwarnings("ignore", category=ConvergenceWarning)
here = os.path.dirname(os.path.abspath(__file__))
data = np.loadtxt(gzip.open(os.path.join(here, "..", "data", "digits.csv.gz")), delimiter=",", skiprows=1)
x, y = data[:, :64] / 16.0, data[:, 64].astype(int)
i = np.arange(len(y))
test, valid = i % 5 == 4, i % 5 == 3
train = np.where(i % 5 < 3)[0][:300]

print(f"train {len(train)}, validation {valid.sum()}, test {test.sum()} rows")
print("hidden      alpha   val acc (seeds 0-4)               test acc (seeds 0-4)              mean test")
best = None
for hidden in [(128, 64), (128,)]:
    for alpha in [1e-4, 1e-3, 1e-2, 1e-1, 1.0]:
        v, t = [], []
        for seed in range(5):
            start = time.perf_counter()
            m = MLPClassifier(hidden_layer_sizes=hidden, alpha=alpha, max_iter=200, random_state=seed).fit(x[train], y[train])
            v.append(m.score(x[valid], y[valid]))
            t.append(m.score(x[test], y[test]))
        print(f"{str(hidden):10} {alpha:7g}  {np.round(v, 4)}  {np.round(t, 4)}  {np.mean(t):.4f}")
        if best is None or np.mean(v) > best[0]:
            best = (np.mean(v), hidden, alpha, np.mean(t), max(t))
print(f"chosen on validation: hidden {best[1]}, alpha {best[2]}: mean test accuracy {best[3]:.4f}, best seed {best[4]:.4f}")
