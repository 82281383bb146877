"""Oracle fixtures for src/statistics: scipy 1.10 values for KS, chi-square, normal tails;
PSI by its definition in numpy; Holm / BH by statsmodels' algorithm (statsmodels is not
installed here, so the step-down/step-up rules are written out below from its source).

Run: /usr/bin/python3 scripts/oracles/stats.py  → test/fixtures/stats-*.json
"""
import json
import numpy as np
from scipy import stats, special

rng = np.random.default_rng(20261123)
out = 'test/fixtures/'


def dump(name, obj):
    with open(out + name, 'w') as f:
        json.dump(obj, f, indent=1)
        f.write('\n')


# --- KS -------------------------------------------------------------------------------
ks_cases = []
for n, m, shift, integer in [(50, 60, 0.0, False), (200, 150, 0.3, False), (1000, 800, 0.1, False), (300, 300, 0.0, True), (40, 2000, 0.5, False)]:
    a = rng.normal(0, 1, n)
    b = rng.normal(shift, 1, m)
    if integer:
        a = np.round(a * 2)
        b = np.round(b * 2)
    r = stats.ks_2samp(a, b, method='asymp')
    en = n * m / (n + m)
    ks_cases.append({
        'a': a.tolist(), 'b': b.tolist(),
        'statistic': float(r.statistic),
        'kolmogorov_p': float(special.kolmogorov(np.sqrt(en) * r.statistic)),
    })
zs = [0.05, 0.2, 0.5, 0.8, 1.0, 1.17, 1.19, 1.36, 1.63, 2.0, 3.0, 5.0]
dump('stats-ks.json', {'cases': ks_cases, 'kolmogorov': [{'z': z, 'sf': float(special.kolmogorov(z))} for z in zs]})

# --- chi-square -----------------------------------------------------------------------
tables = [[[10, 20], [30, 40]], [[50, 50], [70, 30]], [[5, 15, 30], [25, 10, 15]], [[120, 80, 40, 60], [100, 90, 60, 50], [30, 20, 10, 40]], [[1000, 9000], [1100, 8900]]]
chi_cases = []
for t in tables:
    for corr in (False, True):
        stat, p, dof, _ = stats.chi2_contingency(np.array(t), correction=corr)
        chi_cases.append({'table': t, 'yates': corr, 'statistic': float(stat), 'p': float(p), 'dof': int(dof)})
sf = [{'x': x, 'dof': d, 'sf': float(stats.chi2.sf(x, d))} for x, d in [(0.5, 1), (3.841, 1), (10.83, 1), (40.0, 1), (2.0, 2), (5.99, 2), (11.07, 5), (30.0, 10), (8.0, 25), (150.0, 100), (0.01, 3)]]
normal = [{'z': z, 'sf': float(stats.norm.sf(z))} for z in [-3.0, -1.0, 0.0, 0.5, 1.0, 1.959964, 2.575829, 4.0, 6.0, 10.0, 20.0]]
two_prop = []
for x1, n1, x2, n2 in [(50, 100, 70, 100), (5, 40, 9, 45), (1000, 10000, 1100, 10000), (0, 50, 3, 60)]:
    stat, p, _, _ = stats.chi2_contingency(np.array([[x1, n1 - x1], [x2, n2 - x2]]), correction=False)
    two_prop.append({'x1': x1, 'n1': n1, 'x2': x2, 'n2': n2, 'p': float(p), 'z_squared': float(stat)})
dump('stats-chi-square.json', {'contingency': chi_cases, 'sf': sf, 'normal_sf': normal, 'two_proportion': two_prop})


# --- PSI ------------------------------------------------------------------------------
def psi(ref, live, eps=1e-4):
    r = np.maximum(np.asarray(ref, float) / np.sum(ref), eps)
    l = np.maximum(np.asarray(live, float) / np.sum(live), eps)
    return float(np.sum((l - r) * np.log(l / r)))


psi_cases = []
for ref, live in [([50, 50], [25, 75]), ([10] * 10, [10] * 10), ([10] * 10, [5, 5, 5, 5, 5, 15, 15, 15, 15, 15]), ([100, 200, 300, 400], [400, 300, 200, 100]), ([30, 0, 70], [20, 10, 70])]:
    psi_cases.append({'reference': ref, 'live': live, 'psi': psi(ref, live)})
dump('stats-psi.json', {'epsilon': 1e-4, 'cases': psi_cases})


# --- multiple testing (statsmodels' rules, written out) -------------------------------
def holm(p):
    p = np.asarray(p, float); o = np.argsort(p, kind='stable'); m = len(p)
    adj = np.minimum(1, np.maximum.accumulate((m - np.arange(m)) * p[o]))
    res = np.empty(m); res[o] = adj; return res.tolist()


def bh(p):
    p = np.asarray(p, float); o = np.argsort(p, kind='stable'); m = len(p)
    adj = np.minimum(1, np.minimum.accumulate((m / np.arange(1, m + 1) * p[o])[::-1])[::-1])
    res = np.empty(m); res[o] = adj; return res.tolist()


mt = []
for p in [[0.01, 0.04, 0.03, 0.005], [0.2, 0.001, 0.05, 0.049, 0.5, 0.012, 0.9], rng.uniform(0, 0.1, 20).tolist()]:
    mt.append({'p': p, 'holm': holm(p), 'bh': bh(p)})
dump('stats-multiple-testing.json', {'cases': mt})
print('wrote test/fixtures/stats-*.json')
