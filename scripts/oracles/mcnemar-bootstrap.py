"""Oracle fixtures for src/statistics/mcnemar.ts and bootstrap.ts (run with /usr/bin/python3).

McNemar: exact = scipy binomtest(min(b, c), b + c, 0.5) two-sided (what statsmodels'
mcnemar(exact=True) computes); corrected = chi2.sf((|b-c|-1)^2/(b+c), 1) (statsmodels'
mcnemar(exact=False, correction=True)). Bootstrap: scipy.stats.bootstrap percentile interval
of the mean with many resamples (our RNG differs, so tests compare with a Monte Carlo tolerance)
and Efron & Tibshirani's law-school correlation (bootstrap SE ~ 0.127 for r = 0.776)."""
import json, os
import numpy as np
from scipy import stats

pairs = [(0, 1), (1, 0), (3, 3), (10, 2), (2, 10), (5, 14), (12, 12), (24, 0), (25, 10), (40, 20), (101, 121), (300, 250), (1000, 1100), (5000, 4800)]
mc = []
for b, c in pairs:
    n = b + c
    exact = float(stats.binomtest(min(b, c), n, 0.5).pvalue)
    stat = max(abs(b - c) - 1, 0) ** 2 / n
    mc.append({"b": b, "c": c, "exact_p": exact, "chi2_stat": stat, "chi2_p": float(stats.chi2.sf(stat, 1))})

rng = np.random.default_rng(20240305)
x = rng.exponential(2.0, size=120)
res = stats.bootstrap((x,), np.mean, n_resamples=50000, method="percentile", confidence_level=0.95, random_state=1)
lsat = [576, 635, 558, 578, 666, 580, 555, 661, 651, 605, 653, 575, 545, 572, 594]
gpa = [3.39, 3.30, 2.81, 3.03, 3.44, 3.07, 3.00, 3.43, 3.36, 3.13, 3.12, 2.74, 2.76, 2.88, 2.96]
r = float(np.corrcoef(lsat, gpa)[0, 1])
res_r = stats.bootstrap((lsat, gpa), lambda a, b: np.corrcoef(a, b)[0, 1], paired=True, vectorized=False, n_resamples=20000, method="percentile", random_state=2)
out = {
    "mcnemar": mc,
    "bootstrap_mean": {"x": x.tolist(), "mean": float(x.mean()), "lower": float(res.confidence_interval.low), "upper": float(res.confidence_interval.high), "se": float(res.standard_error)},
    "law_school": {"lsat": lsat, "gpa": gpa, "r": r, "lower": float(res_r.confidence_interval.low), "upper": float(res_r.confidence_interval.high), "se": float(res_r.standard_error)},
}
path = os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "mcnemar-bootstrap.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print("wrote", path)
