#!/usr/bin/env python3
"""Score a risicolijst.csv against truth.csv: AP, P@20, ROC-AUC, look-alikes in the top 20, recall@50 per scheme."""
import argparse
import csv
import os
from collections import Counter, defaultdict


def load(list_path, truth_path):
    with open(truth_path, encoding="utf-8") as f:
        truth = {r["aanbieder_id"]: r for r in csv.DictReader(f, delimiter=";")}
    with open(list_path, encoding="utf-8-sig", newline="") as f:
        rows = sorted(csv.DictReader(f, delimiter=";"), key=lambda r: int(r["rang"]))
    listed = [r for r in rows if r["aanbieder_id"] in truth]
    seen = {r["aanbieder_id"] for r in listed}
    # providers the run did not score go to the bottom, in truth order: the worst case for them
    missing = [{"aanbieder_id": a, "rang": "-", "risicoscore": "-", "signalen": ""} for a in truth if a not in seen]
    return truth, listed + missing, len(missing)


def metrics(truth, ranking):
    y = [truth[r["aanbieder_id"]]["fraude"] == "1" for r in ranking]
    pos = sum(y)
    hits, ap = 0, 0.0
    for i, t in enumerate(y, 1):
        if t:
            hits += 1
            ap += hits / i
    ap = ap / pos if pos else 0.0
    p20 = sum(y[:20]) / 20
    neg_below, auc_pairs = 0, 0
    for t in reversed(y):  # count (fraud, honest) pairs ordered correctly
        if t:
            auc_pairs += neg_below
        else:
            neg_below += 1
    auc = auc_pairs / (pos * (len(y) - pos)) if pos and len(y) > pos else 0.0
    return ap, p20, auc


def main():
    ap_ = argparse.ArgumentParser()
    ap_.add_argument("--list", required=True)
    ap_.add_argument("--truth", required=True)
    ap_.add_argument("--summary", action="store_true", help="one line only")
    a = ap_.parse_args()
    truth, ranking, missing = load(a.list, a.truth)
    planted = {}
    pp = os.path.join(os.path.dirname(a.truth), "planted.csv")
    if os.path.exists(pp):
        with open(pp, encoding="utf-8") as f:
            planted = {r["aanbieder_id"]: r for r in csv.DictReader(f, delimiter=";")}

    def how(r):
        p = planted.get(r["aanbieder_id"])
        return f"{p['variant'][:15]:<15} {p['sterkte']:>5} {p['clienten']:>4}" if p else ""
    ap, p20, auc = metrics(truth, ranking)
    look20 = Counter(truth[r["aanbieder_id"]]["lookalike"] for r in ranking[:20]
                     if truth[r["aanbieder_id"]]["lookalike"])
    per = defaultdict(lambda: [0, 0])
    for i, r in enumerate(ranking):
        t = truth[r["aanbieder_id"]]
        if t["fraude"] == "1":
            per[t["schema"]][1] += 1
            per[t["schema"]][0] += i < 50
    r50 = " ".join(f"{s}={h}/{n}" for s, (h, n) in sorted(per.items()))
    lk = " ".join(f"{k}={v}" for k, v in sorted(look20.items())) or "-"
    if a.summary:
        print(f"AP={ap:.3f} P@20={p20:.2f} AUC={auc:.3f} look20[{lk}] R@50[{r50}]")
        return
    print(f"providers {len(ranking)} (not in list: {missing}), frauds {sum(n for _, n in per.values())}")
    print(f"AP      {ap:.3f}\nP@20    {p20:.2f}\nROC-AUC {auc:.3f}\nlook-alikes in top 20: {lk}")
    print(f"recall in top 50 per scheme: {r50}\n")
    print(f"{'scheme':<12} {'rank':>5} {'score':>6}  {'variant':<15} {'sterkte':>5} {'n':>4}  signalen")
    frauds = [(i, r) for i, r in enumerate(ranking, 1) if truth[r["aanbieder_id"]]["fraude"] == "1"]
    for i, r in sorted(frauds, key=lambda x: (truth[x[1]["aanbieder_id"]]["schema"], x[0])):
        print(f"{truth[r['aanbieder_id']]['schema']:<12} {i:>5} {r['risicoscore']:>6}  {how(r)}  {r['signalen']}")
    print(f"\n{'look-alike':<18} {'rank':>5} {'score':>6}  {'variant':<15} {'':>5} {'n':>4}  signalen")
    looks = [(i, r) for i, r in enumerate(ranking, 1) if truth[r["aanbieder_id"]]["lookalike"]]
    for i, r in sorted(looks, key=lambda x: (truth[x[1]["aanbieder_id"]]["lookalike"], x[0])):
        print(f"{truth[r['aanbieder_id']]['lookalike']:<18} {i:>5} {r['risicoscore']:>6}  {how(r)}  {r['signalen']}")


if __name__ == "__main__":
    main()
