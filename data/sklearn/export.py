# Rewrites the four CSV files beside this script from scikit-learn's bundled copies.
# Run with Debian's python3-sklearn 1.2.1: /usr/bin/python3 data/sklearn/export.py
import csv
import os
from sklearn import datasets

here = os.path.dirname(os.path.abspath(__file__))


def dump(name, d, target_name, exact):
    with open(os.path.join(here, name + ".csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(list(d.feature_names) + [target_name])
        for row, t in zip(d.data, d.target):
            cells = [repr(float(v)) if exact else format(v, "g") for v in row]
            w.writerow(cells + [repr(float(t)) if exact else int(t)])


dump("iris", datasets.load_iris(), "species", False)
dump("wine", datasets.load_wine(), "cultivar", False)
dump("breast_cancer", datasets.load_breast_cancer(), "diagnosis", False)
dump("diabetes", datasets.load_diabetes(), "progression", True)
