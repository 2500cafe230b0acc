# The expectations of MetricsTests, computed by scikit-learn: python3 sklearn_metrics.py
import warnings
import numpy as np
from sklearn.metrics import (accuracy_score, confusion_matrix, precision_recall_fscore_support,
                             mean_absolute_error, mean_squared_error, r2_score)


def root_mean_squared_error(y, p, multioutput="uniform_average"):
    # sklearn < 1.4 has no root_mean_squared_error: this is its definition (the per-target root, then the mean).
    raw = np.sqrt(mean_squared_error(y, p, multioutput="raw_values"))
    return raw if multioutput == "raw_values" else float(np.mean(raw))

warnings.simplefilter("ignore")
# Case A: three classes, class 2 never predicted (precision 0 by zero_division="warn").
a_true = [0, 0, 1, 1, 1, 2, 2, 0, 1, 2]
a_pred = [0, 1, 1, 1, 0, 1, 0, 0, 1, 1]
# Case B: four model classes; class 3 occurs in neither list (left out of sklearn's default labels), class 2 has no actual rows.
b_true = [0, 1, 1, 0, 1, 1]
b_pred = [0, 1, 2, 0, 0, 1]
for name, t, p in (("A", a_true, a_pred), ("B", b_true, b_pred)):
    print(name, "accuracy", repr(accuracy_score(t, p)))
    print(name, "confusion", confusion_matrix(t, p).tolist())
    for avg in (None, "macro", "weighted"):
        pr, rc, f1, s = precision_recall_fscore_support(t, p, average=avg)
        print(name, avg, [repr(float(v)) for v in np.atleast_1d(pr)], [repr(float(v)) for v in np.atleast_1d(rc)], [repr(float(v)) for v in np.atleast_1d(f1)], s)

# Regression: two targets, plus a constant target and a single row.
y = np.array([[3.0, -0.5], [-0.5, 2.0], [2.0, 7.0], [7.0, 1.5], [4.25, 3.0]])
yhat = np.array([[2.5, 0.0], [0.0, 2.5], [2.0, 8.0], [8.0, 1.0], [4.0, 2.5]])
print("rmse", [repr(v) for v in root_mean_squared_error(y, yhat, multioutput="raw_values")], repr(root_mean_squared_error(y, yhat)))
print("mae", [repr(v) for v in mean_absolute_error(y, yhat, multioutput="raw_values")], repr(mean_absolute_error(y, yhat)))
print("r2", [repr(v) for v in r2_score(y, yhat, multioutput="raw_values")], repr(r2_score(y, yhat)))
print("r2 constant, perfect", repr(r2_score([5.0, 5.0, 5.0], [5.0, 5.0, 5.0])), "imperfect", repr(r2_score([5.0, 5.0, 5.0], [5.0, 4.0, 5.0])))
print("r2 one row", repr(r2_score([1.0], [2.0])))
print("r2 docs example", repr(r2_score([3, -0.5, 2, 7], [2.5, 0.0, 2, 8])))
