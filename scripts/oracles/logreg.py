"""Oracle fixtures for src/model/ from scikit-learn (run once with /usr/bin/python3, commit the JSON).

Writes test/fixtures/logreg-small.json: a seeded 60 x 40 sparse problem with
  - the L2 logistic loss/gradient at a fixed (w, b), by sklearn's formula, with and without sample weights;
  - LogisticRegression(lbfgs, tol=1e-10) coefficients for class_weight None / 'balanced' / sample weights /
    fit_intercept=False;
  - LinearSVC(squared_hinge, dual=True, tol=1e-8) coefficients for class_weight None / 'balanced';
  - MultinomialNB / ComplementNB decision values (jll[:,1] - jll[:,0]);
  - ROC-AUC, average precision, precision_recall_curve max-F1 threshold on a tied score vector;
  - IsotonicRegression(out_of_bounds='clip') predictions and Platt (_sigmoid_calibration) a, b.
"""
import json
import os

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.calibration import _sigmoid_calibration
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, precision_recall_curve, roc_auc_score
from sklearn.naive_bayes import ComplementNB, MultinomialNB
from sklearn.svm import LinearSVC

rng = np.random.default_rng(20240611)
n_rows, n_cols, C = 60, 40, 0.7

X = sp.random(n_rows, n_cols, density=0.2, format="csr", random_state=7, dtype=np.float64)
X.data = np.round(X.data * 3, 3)  # non-negative, so NB can use the same matrix
X.data = X.data.astype(np.float32).astype(np.float64)  # exactly representable in Float32Array
X.sort_indices()
true_w = rng.normal(size=n_cols)
logits = X @ true_w - 0.6 + rng.normal(scale=0.8, size=n_rows)
y = (logits > 0).astype(np.int64)
ypm = 2 * y - 1

w_fixed = np.round(rng.normal(scale=0.5, size=n_cols), 4)
b_fixed = -0.25
sample_weight = np.round(rng.uniform(0.2, 2.0, size=n_rows), 3)


def loss_grad(w, b, sw):
    d = X @ w + b
    z = ypm * d
    loss = np.sum(sw * np.logaddexp(0, -z)) + 0.5 / C * np.dot(w, w)
    r = -sw * ypm * (1 / (1 + np.exp(z)))
    grad = np.concatenate([X.T @ r + w / C, [r.sum()]])
    return float(loss), grad.tolist()


def logreg(**kw):
    fit_kw = {}
    if "sample_weight" in kw:
        fit_kw["sample_weight"] = kw.pop("sample_weight")
    m = LogisticRegression(C=C, solver="lbfgs", tol=1e-10, max_iter=10000, **kw).fit(X, y, **fit_kw)
    return {"coef": m.coef_[0].tolist(), "intercept": float(m.intercept_[0]) if m.fit_intercept else 0.0}


def svc(class_weight):
    m = LinearSVC(C=C, loss="squared_hinge", dual=True, tol=1e-8, max_iter=100000, class_weight=class_weight, random_state=0).fit(X, y)
    return {"coef": m.coef_[0].tolist(), "intercept": float(m.intercept_[0])}


def nb_decision(model):
    jll = model.fit(X, y)._joint_log_likelihood(X)
    return (jll[:, 1] - jll[:, 0]).tolist()


loss_plain, grad_plain = loss_grad(w_fixed, b_fixed, np.ones(n_rows))
loss_sw, grad_sw = loss_grad(w_fixed, b_fixed, sample_weight)

# Ranking metrics on a score vector with ties (rounded to 1 decimal).
scores = np.round(rng.normal(size=80) + 0.8 * (rng.uniform(size=80) < 0.4), 1)
labels = ((scores + rng.normal(scale=0.9, size=80)) > 0.3).astype(np.int64)
prec, rec, thr = precision_recall_curve(labels, scores)
f1 = np.where(prec + rec > 0, 2 * prec * rec / np.maximum(prec + rec, 1e-300), 0)[:-1]
best = int(np.argmax(f1))
iso_query = np.concatenate([[-5.0, 5.0], np.linspace(scores.min() - 0.5, scores.max() + 0.5, 37), scores[:10]])
iso = IsotonicRegression(out_of_bounds="clip").fit(scores, labels)
platt_a, platt_b = _sigmoid_calibration(scores, labels)

fixture = {
    "generator": f"scripts/oracles/logreg.py, scikit-learn {sklearn.__version__}, numpy {np.__version__}",
    "nRows": n_rows,
    "nCols": n_cols,
    "indptr": X.indptr.tolist(),
    "indices": X.indices.tolist(),
    "values": X.data.tolist(),
    "y": y.tolist(),
    "C": C,
    "wFixed": w_fixed.tolist(),
    "bFixed": b_fixed,
    "sampleWeight": sample_weight.tolist(),
    "lossPlain": loss_plain,
    "gradPlain": grad_plain,
    "lossWeighted": loss_sw,
    "gradWeighted": grad_sw,
    "logreg": {
        "none": logreg(),
        "balanced": logreg(class_weight="balanced"),
        "sampleWeight": logreg(sample_weight=sample_weight),
        "noIntercept": logreg(fit_intercept=False),
    },
    "linearSvc": {"none": svc(None), "balanced": svc("balanced")},
    "naiveBayes": {
        "multinomialDecision": nb_decision(MultinomialNB(alpha=1.0)),
        "complementDecision": nb_decision(ComplementNB(alpha=1.0)),
    },
    "scores": scores.tolist(),
    "labels": labels.tolist(),
    "rocAuc": float(roc_auc_score(labels, scores)),
    "averagePrecision": float(average_precision_score(labels, scores)),
    "maxF1": {"threshold": float(thr[best]), "f1": float(f1[best]), "precision": float(prec[best]), "recall": float(rec[best])},
    "isotonic": {"query": iso_query.tolist(), "predicted": iso.predict(iso_query).tolist()},
    "platt": {"a": float(platt_a), "b": float(platt_b)},
}

out = os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "logreg-small.json")
with open(out, "w") as fh:
    json.dump(fixture, fh, indent=1)
    fh.write("\n")
print("wrote", os.path.normpath(out))
