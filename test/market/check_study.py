#!/usr/bin/python3
"""
An independent check of dealgraph's event studies (src/market/study.ts).

Reads a fixture written by src/market/python.test.ts: raw closes of a stock
and its index, an article date, the model, estimation window and event
windows, and dealgraph's results. Recomputes everything from the closes with
pandas (alignment by date, returns), statsmodels (OLS alpha, beta, residual
variance, parameter covariance) and scipy (t and normal tails, one-sample t
tests), and compares. Prints one line per disagreement and a summary; exits 1
if anything disagrees.

Usage: /usr/bin/python3 test/market/check_study.py FIXTURE.json
Needs Debian's python3-statsmodels and python3-scipy (apt-get install -y python3-statsmodels python3-scipy).
"""
import json
import sys

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats

REL, ABS = 1e-8, 1e-13
problems = []
checks = 0


def close(what, ours, theirs):
    global checks
    checks += 1
    if ours is None or theirs is None or not np.isfinite(theirs):
        if not (ours is None and (theirs is None or not np.isfinite(theirs))):
            problems.append(f"{what}: ours {ours}, independent {theirs}")
        return
    if abs(ours - theirs) > REL * abs(theirs) + ABS:
        problems.append(f"{what}: ours {ours!r}, independent {theirs!r}")


def returns(case):
    s = pd.DataFrame({"date": case["stock"]["dates"], "p": case["stock"]["close"]})
    i = pd.DataFrame({"date": case["index"]["dates"], "pm": case["index"]["close"]})
    df = s.merge(i, on="date", how="inner").sort_values("date").reset_index(drop=True)
    df["r"] = df["p"].pct_change()
    df["m"] = df["pm"].pct_change()
    return df.iloc[1:].reset_index(drop=True)


def study(case):
    """(result dict or None, estimation ARs) for one case, from the closes."""
    df = returns(case)
    e = int(np.searchsorted(df["date"].to_numpy(), case["date"], side="left"))
    a, b = case["estimation"]
    lo, hi = max(0, e + a), e + b
    n = hi - lo + 1
    if e >= len(df) or n < case["minEstimation"]:
        return None, None
    est = df.iloc[lo:hi + 1]
    model = case["model"]
    out = {"eventDate": df["date"][e], "days": {}, "windows": []}
    if model == "market":
        fit = sm.OLS(est["r"].to_numpy(), sm.add_constant(est["m"].to_numpy())).fit()
        alpha, beta = fit.params
        s2, dof, cov = fit.scale, fit.df_resid, fit.cov_params()
    elif model == "mean-adjusted":
        fit = sm.OLS(est["r"].to_numpy(), np.ones((n, 1))).fit()
        alpha, beta = fit.params[0], 0.0
        s2, dof, cov = fit.scale, fit.df_resid, fit.cov_params()
    else:
        alpha, beta = 0.0, 1.0
        s2, dof, cov = np.var((est["r"] - est["m"]).to_numpy(), ddof=1), n - 1, None
    est_ar = (est["r"] - alpha - beta * est["m"]).to_numpy()
    out.update(alpha=alpha, beta=beta, sigma=np.sqrt(s2), df=dof, n=n, positive=int((est_ar > 0).sum()))

    def x_rows(rows):
        if model == "market":
            return np.column_stack([np.ones(len(rows)), rows["m"].to_numpy()])
        return np.ones((len(rows), 1))

    for w in case["windows"]:
        rows = df.iloc[e + w[0]:e + w[1] + 1]
        ar = (rows["r"] - alpha - beta * rows["m"]).to_numpy()
        for k, v in zip(range(w[0], w[1] + 1), ar):
            out["days"][k] = v
        L = len(rows)
        var = L * s2 if cov is None else L * s2 + float(np.ones(L) @ x_rows(rows) @ cov @ x_rows(rows).T @ np.ones(L))
        car = ar.sum()
        t = car / np.sqrt(var)
        out["windows"].append({"car": car, "se": np.sqrt(var), "t": t, "p": 2 * stats.t.sf(abs(t), dof)})
    # One day's standard error, from statsmodels' own prediction (market model only).
    if model == "market":
        row = df.iloc[[e]]
        out["se0"] = float(fit.get_prediction(x_rows(row)).se_obs[0])
    return out, est_ar


def main(path):
    fx = json.load(open(path))
    indep = {}
    for case in fx["cases"]:
        cid, ours = case["id"], case["ours"]
        got, _ = study(case)
        indep[cid] = got
        if (got is None) != (not ours["ok"]):
            problems.append(f"{cid}: ours ok={ours['ok']} ({ours.get('reason', '')}), independent {'none' if got is None else 'a study'}")
            continue
        if got is None:
            continue
        if ours["eventDate"] != got["eventDate"]:
            problems.append(f"{cid}: event day ours {ours['eventDate']}, independent {got['eventDate']}")
        for k in ("alpha", "beta", "sigma"):
            close(f"{cid} {k}", ours[k], got[k])
        if ours["estimation"]["n"] != got["n"] or ours["estimation"]["positive"] != got["positive"]:
            problems.append(f"{cid}: estimation n/positive ours {ours['estimation']['n']}/{ours['estimation']['positive']}, independent {got['n']}/{got['positive']}")
        for d in ours["days"]:
            close(f"{cid} AR({d['day']})", d["ar"], got["days"][d["day"]])
            if d["day"] == 0 and "se0" in got:
                close(f"{cid} SE of AR(0)", d["se"], got["se0"])
        for w, g in zip(ours["windows"], got["windows"]):
            for k in ("car", "se", "t", "p"):
                close(f"{cid} {k}{tuple(w['window'])}", w[k], g[k])
    for grp in fx["groups"]:
        ids, wi, ours = grp["cases"], grp["window"], grp["ours"]
        studies = [indep[i] for i in ids]
        cars = np.array([s["windows"][wi]["car"] for s in studies])
        scars = np.array([s["windows"][wi]["car"] / s["windows"][wi]["se"] for s in studies])
        dfs = np.array([s["df"] for s in studies], dtype=float)
        cs = stats.ttest_1samp(cars, 0.0)
        bmp = stats.ttest_1samp(scars, 0.0)
        patell = scars.sum() / np.sqrt((dfs / (dfs - 2)).sum())
        p_hat = sum(s["positive"] for s in studies) / sum(s["n"] for s in studies)
        w = int((cars > 0).sum())
        sign = (w - len(cars) * p_hat) / np.sqrt(len(cars) * p_hat * (1 - p_hat))
        name = grp["name"]
        for k, v in {"meanCar": cars.mean(), "medianCar": float(np.median(cars)), "sdCar": cars.std(ddof=1), "csT": cs.statistic, "csP": cs.pvalue,
                     "bmpT": bmp.statistic, "bmpP": bmp.pvalue, "patellZ": patell, "patellP": 2 * stats.norm.sf(abs(patell)),
                     "pHat": p_hat, "signZ": sign, "signP": 2 * stats.norm.sf(abs(sign))}.items():
            close(f"{name} {k}", ours[k], float(v))
        if ours["n"] != len(cars) or ours["positive"] != w:
            problems.append(f"{name}: n/positive ours {ours['n']}/{ours['positive']}, independent {len(cars)}/{w}")
    for d in fx["dists"]:
        theirs = 2 * (stats.t.sf(abs(d["x"]), d["df"]) if d["kind"] == "t" else stats.norm.sf(abs(d["x"])))
        close(f"{d['kind']} p({d['x']}{', df ' + str(d['df']) if d['kind'] == 't' else ''})", d["ours"], float(theirs))
    for p in problems:
        print("DISAGREE " + p)
    print(f"check_study: {len(fx['cases'])} studies, {len(fx['groups'])} groups, {len(fx['dists'])} p-values; {checks} numbers compared; {len(problems)} disagree")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
