# The references of tests/FastReg.Tests/Nn/LinearSolverTests.cs (scikit-learn 1.2.1, SciPy): /usr/bin/python3 linear_reference.py
import numpy as np
from scipy.optimize import minimize
from sklearn.linear_model import LogisticRegression
n, d = 60, 3
i = np.arange(n)[:, None]; j = np.arange(d)[None, :]
X = np.sin(1.3 * i + 0.7 * j + 0.1 * i * j)
score = X[:, 0] + 0.5 * X[:, 1] - X[:, 2] + 0.8 * np.sin(5.0 * np.arange(n))
yb = (score > 0).astype(int)
yk = np.digitize(score, [-0.6, 0.6])
np.set_printoptions(precision=17)
for name, y in (("binary", yb), ("multinomial", yk)):
    m = LogisticRegression(C=1.0, tol=1e-12, max_iter=100000, multi_class="multinomial" if name != "binary" else "auto").fit(X, y)
    print(name, np.bincount(y).tolist())
    print(" coef", repr(m.coef_.ravel().tolist()))
    print(" intercept", repr(m.intercept_.tolist()))
# How far from stationary is scikit-learn's answer? gradient of (1/n)Σloss + (1/2n)||w||²
m = LogisticRegression(C=1.0, tol=1e-12, max_iter=100000).fit(X, yb)
z = X @ m.coef_.ravel() + m.intercept_[0]
p = 1 / (1 + np.exp(-z))
gw = X.T @ (p - yb) / n + m.coef_.ravel() / n
gb = (p - yb).mean()
print("sklearn binary gradient max", max(abs(gw).max(), abs(gb)))
Y = np.eye(3)[yk]
def f(t):
    W = t[:9].reshape(3,3); b = t[9:]
    Z = X @ W.T + b; Z -= Z.max(1, keepdims=True)
    P = np.exp(Z); P /= P.sum(1, keepdims=True)
    loss = -(np.log(P) * Y).sum() / n + 0.5 / n * (W**2).sum()
    G = (P - Y) / n
    return loss, np.concatenate([(G.T @ X + W / n).ravel(), G.sum(0)])
r = minimize(f, np.zeros(12), jac=True, method="BFGS", options={"gtol": 1e-13, "maxiter": 10000})
print(r.x[:9].tolist()); print(r.x[9:].tolist()); print("grad", abs(f(r.x)[1]).max())
m = LogisticRegression(C=1.0, tol=1e-12, max_iter=100000, multi_class="multinomial").fit(X, yk)
t = np.concatenate([m.coef_.ravel(), m.intercept_]); print("sklearn grad", abs(f(t)[1]).max())
