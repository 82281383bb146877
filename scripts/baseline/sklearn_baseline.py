"""The strongest plain scikit-learn linear text model on Warden's leakage-free UCI splits.

Reads bench/results/splits-uci-seed<N>.json (written by `node dist/bench/quality.bench.js`:
train/test row indices in file order and the group id of every row), and for each seed:

  features   FeatureUnion(TF-IDF word 1-2-grams, TF-IDF char 2-5-grams), sublinear tf
  candidates LinearSVC(C in 0.1, 0.3, 1, 3) and LogisticRegression(C in 3, 10, 30, 100, liblinear),
             class_weight None or 'balanced'
  selection  GroupKFold(5) on the training rows (groups = Warden's group ids; the vectoriser is
             refitted inside each fold), best pooled out-of-fold average precision
  threshold  max-F1 over the out-of-fold decision values
  refit      on every training row; one evaluation on the test rows: spam F1 at that threshold,
             average precision, recall at precision >= 0.995

Also measures in-process scoring throughput (transform + decision_function) one message at a
time and in one batch (`--scoring-only` re-measures just that). Writes bench/results/sklearn-baseline.json.

`--rates` prints (and writes nothing) one JSON line of batch scoring rates, per wall- and per
CPU-second, of this model (seed 1's choice, fitted on seed 1's training rows) and of the plain
baseline (word TF-IDF + logistic regression, the seed design): `bench/relative-speed.bench.ts`
runs it between Warden's own runs, so both are measured on the same machine at the same moment.

Run with an interpreter that has scikit-learn (here: /usr/bin/python3 scripts/baseline/sklearn_baseline.py).
"""
import json
import os
import platform
import sys
import time

import numpy as np
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, f1_score, precision_recall_curve, precision_score, recall_score
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import FeatureUnion
from sklearn.svm import LinearSVC

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "data", "sms-spam-collection", "SMSSpamCollection.tsv")
RESULTS = os.path.join(ROOT, "bench", "results")
SEEDS = [1, 2, 3]
MIN_PRECISION = 0.995


def load_uci():
    texts, labels = [], []
    with open(DATA, encoding="utf-8") as f:
        for line in f.read().split("\n"):
            if not line:
                continue
            label, text = line.split("\t", 1)
            texts.append(text)
            labels.append(1 if label == "spam" else 0)
    return texts, np.array(labels, dtype=np.int8)


def features():
    return FeatureUnion([
        ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True)),
        ("char", TfidfVectorizer(analyzer="char", ngram_range=(2, 5), sublinear_tf=True)),
    ])


def candidates():
    out = []
    for cw in (None, "balanced"):
        for c in (0.1, 0.3, 1, 3):
            out.append((f"LinearSVC(C={c},class_weight={cw})", lambda c=c, cw=cw: LinearSVC(C=c, class_weight=cw, max_iter=20000)))
        for c in (3, 10, 30, 100):
            out.append((f"LogisticRegression(C={c},class_weight={cw},liblinear)",
                        lambda c=c, cw=cw: LogisticRegression(C=c, class_weight=cw, solver="liblinear", max_iter=5000)))
    return out


def max_f1_threshold(y, d):
    precision, recall, thresholds = precision_recall_curve(y, d)
    f1 = np.where(precision + recall > 0, 2 * precision * recall / np.maximum(precision + recall, 1e-300), 0)[:-1]
    best = int(np.argmax(f1))
    return float(thresholds[best]), float(f1[best])


def recall_at_precision(y, d, min_precision):
    precision, recall, _ = precision_recall_curve(y, d)
    ok = precision >= min_precision
    return float(recall[ok].max()) if ok.any() else 0.0


def run_seed(texts, y, seed):
    with open(os.path.join(RESULTS, f"splits-uci-seed{seed}.json"), encoding="utf-8") as f:
        split = json.load(f)
    if split["rows"] != len(texts):
        sys.exit(f"split file has {split['rows']} rows, the data file {len(texts)}")
    train = np.array(split["train"])
    test = np.array(split["test"])
    groups = np.array(split["groups"])
    tr_texts = [texts[i] for i in train]
    ytr = y[train]

    started = time.perf_counter()
    cands = candidates()
    oof = {name: np.full(len(train), np.nan) for name, _ in cands}
    for fit_idx, val_idx in GroupKFold(n_splits=5).split(tr_texts, ytr, groups[train]):
        vec = features()
        Xf = vec.fit_transform([tr_texts[i] for i in fit_idx])
        Xv = vec.transform([tr_texts[i] for i in val_idx])
        for name, make in cands:
            oof[name][val_idx] = make().fit(Xf, ytr[fit_idx]).decision_function(Xv)
    cv = []
    for name, _ in cands:
        threshold, f1 = max_f1_threshold(ytr, oof[name])
        cv.append({"name": name, "oof_average_precision": float(average_precision_score(ytr, oof[name])), "oof_max_f1": f1, "threshold": threshold})
    best = max(cv, key=lambda r: (r["oof_average_precision"], r["oof_max_f1"]))
    make = dict(cands)[best["name"]]

    vec = features()
    model = make().fit(vec.fit_transform(tr_texts), ytr)
    train_seconds = time.perf_counter() - started
    d = model.decision_function(vec.transform([texts[i] for i in test]))
    yte = y[test]
    pred = (d >= best["threshold"]).astype(np.int8)
    return {
        "seed": seed,
        "trainRows": int(len(train)),
        "testRows": int(len(test)),
        "testSpam": int(yte.sum()),
        "chosen": best["name"],
        "threshold": best["threshold"],
        "f1": float(f1_score(yte, pred, zero_division=0)),
        "precision": float(precision_score(yte, pred, zero_division=0)),
        "recall": float(recall_score(yte, pred, zero_division=0)),
        "pr_auc": float(average_precision_score(yte, d)),
        "recall_at_precision_995": recall_at_precision(yte, d, MIN_PRECISION),
        "selectionAndFitSeconds": train_seconds,
        "cv": sorted(cv, key=lambda r: -r["oof_average_precision"]),
    }, vec, model


def scoring_rate(texts, vec, model):
    """Messages per second through transform + decision_function, one at a time and in one batch."""
    one = texts[:2000]
    model.decision_function(vec.transform(one[:50]))  # warm-up
    t0 = time.perf_counter()
    for t in one:
        model.decision_function(vec.transform([t]))
    one_by_one = len(one) / (time.perf_counter() - t0)
    batch = batch_rates(texts, vec, model, runs=3)
    return {"oneByOneMessagesPerSec": round(one_by_one), "oneByOneMessages": len(one),
            "batchMessagesPerSec": batch["perWallSecond"], "batchMessages": len(texts),
            # the machine is shared: the 1-minute load average says how contended the figures are
            "loadAverage1m": round(os.getloadavg()[0], 2), "cpus": os.cpu_count()}


def rescore_only(texts, y):
    """Re-measures only the scoring rate (e.g. on a quiet machine) with seed 1's chosen model."""
    path = os.path.join(RESULTS, "sklearn-baseline.json")
    with open(path, encoding="utf-8") as f:
        out = json.load(f)
    with open(os.path.join(RESULTS, "splits-uci-seed1.json"), encoding="utf-8") as f:
        train = json.load(f)["train"]
    vec = features()
    model = dict(candidates())[out["seeds"][0]["chosen"]]().fit(vec.fit_transform([texts[i] for i in train]), y[train])
    out["scoring"] = scoring_rate(texts, vec, model)
    print(out["scoring"])
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2)
        f.write("\n")


def batch_rates(texts, vec, model, runs=5):
    """Median messages per wall- and per CPU-second of transform + decision_function over all texts."""
    model.decision_function(vec.transform(texts[:200]))  # warm-up
    wall, cpu = [], []
    for _ in range(runs):
        w0, c0 = time.perf_counter(), time.process_time()
        model.decision_function(vec.transform(texts))
        wall.append(len(texts) / (time.perf_counter() - w0))
        cpu.append(len(texts) / max(time.process_time() - c0, 1e-9))
    return {"perWallSecond": round(float(np.median(wall))), "perCpuSecond": round(float(np.median(cpu)))}


def rates_only(texts, y):
    """Batch rates of the strong model and the plain baseline, as one JSON line on stdout."""
    with open(os.path.join(RESULTS, "sklearn-baseline.json"), encoding="utf-8") as f:
        chosen = json.load(f)["seeds"][0]["chosen"]
    with open(os.path.join(RESULTS, "splits-uci-seed1.json"), encoding="utf-8") as f:
        train = json.load(f)["train"]
    tr = [texts[i] for i in train]
    vec = features()
    model = dict(candidates())[chosen]().fit(vec.fit_transform(tr), y[train])
    plain_vec = TfidfVectorizer()
    plain = LogisticRegression(max_iter=5000).fit(plain_vec.fit_transform(tr), y[train])
    print(json.dumps({"model": chosen, "messages": len(texts), "strong": batch_rates(texts, vec, model),
                      "plain": batch_rates(texts, plain_vec, plain), "loadAverage1m": round(os.getloadavg()[0], 2)}))


def main():
    texts, y = load_uci()
    if "--scoring-only" in sys.argv:
        return rescore_only(texts, y)
    if "--rates" in sys.argv:
        return rates_only(texts, y)
    seeds, last = [], None
    for seed in SEEDS:
        r, vec, model = run_seed(texts, y, seed)
        seeds.append(r)
        last = (vec, model)
        print(f"seed {seed}: F1 {r['f1']:.4f}  R@P>=.995 {r['recall_at_precision_995']:.4f}  AP {r['pr_auc']:.4f}  {r['chosen']}", flush=True)
    mean = {k: float(np.mean([r[k] for r in seeds])) for k in ("f1", "recall_at_precision_995", "pr_auc", "selectionAndFitSeconds")}
    print(f"mean:   F1 {mean['f1']:.4f}  R@P>=.995 {mean['recall_at_precision_995']:.4f}  AP {mean['pr_auc']:.4f}")
    rate = scoring_rate(texts, *last)
    print(f"scoring: {rate['oneByOneMessagesPerSec']} msg/s one by one, {rate['batchMessagesPerSec']} msg/s in one batch")
    out = {
        "model": "FeatureUnion(TF-IDF word 1-2 + char 2-5, sublinear_tf) + LinearSVC/LogisticRegression by GroupKFold(5) average precision, max-F1 out-of-fold threshold",
        "sklearn": sklearn.__version__,
        "python": platform.python_version(),
        "seeds": seeds,
        "mean": mean,
        "scoring": rate,
        "measuredAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    with open(os.path.join(RESULTS, "sklearn-baseline.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
