#!/usr/bin/env python3
"""Why a ranking misses what it misses: per planted provider over one or more worlds, its rank and signals beside
what the data holds (share of whole-unit allocations, PGB rate against the median of its agreement type, share of
billing outside an allocation), then a summary per scheme and variant.  usage: diagnose.py WORLD_DIR ...
"""
import csv
import datetime as dt
import os
import statistics
import sys
from collections import defaultdict

FIRES = {"woonzorg": "COLOC", "max_billing": "MAX_DECL", "tarief": "PGB_TARIEF", "netwerk": "NETWERK",
         "spook": "BUITEN_TOEW"}


def extract(world, typ):
    folder = os.path.join(world, "extracts", typ)
    raw = open(os.path.join(folder, os.listdir(folder)[0]), "rb").read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    lines = text.splitlines()
    rows = list(csv.reader(lines, delimiter=";" if ";" in lines[0] else ","))
    head = [h.strip().lower() for h in rows[0]]
    return [dict(zip(head, r)) for r in rows[1:]]


def num(s):
    return float(s.replace(",", ".")) if s else 0.0


def day(s):
    if not s:
        return None
    return dt.date.fromisoformat(s) if s[4] == "-" else dt.date(int(s[6:]), int(s[3:5]), int(s[:2]))


def world_rows(world):
    planted = {r["aanbieder_id"]: r for r in csv.DictReader(open(os.path.join(world, "planted.csv")), delimiter=";")}
    listed = {r["aanbieder_id"]: r for r in
              csv.DictReader(open(os.path.join(world, "risicolijst.csv"), encoding="utf-8-sig"), delimiter=";")}
    allocs = extract(world, "toewijzingen")
    by_id = {a["toewijzing_id"]: a for a in allocs}
    whole = defaultdict(lambda: [0, 0])
    for a in allocs:
        if a["leveringsvorm"] == "ZIN":
            whole[a["aanbieder_id"]][1] += 1
            whole[a["aanbieder_id"]][0] += a["eenheid"] in ("14", "16", "82", "84")
    rate, per_type = {}, defaultdict(list)
    for o in extract(world, "pgb_overeenkomsten"):
        rate[o["aanbieder_id"]] = (o["overeenkomst_type"], num(o["uurtarief"]))
        per_type[o["overeenkomst_type"]].append(num(o["uurtarief"]))
    median = {k: statistics.median(v) for k, v in per_type.items()}
    outside = defaultdict(lambda: [0.0, 0.0])
    for d in extract(world, "declaraties"):
        p = d["aanbieder_id"]
        if p not in planted or (not d["toewijzing_id"] and p in rate):
            continue
        outside[p][1] += num(d["bedrag"])
        a = by_id.get(d["toewijzing_id"])
        if a is None or a["client_id"] != d["client_id"] or day(d["periode_start"]) < day(a["ingangsdatum"]) \
                or (a["einddatum"] and day(d["periode_eind"]) > day(a["einddatum"])):
            outside[p][0] += num(d["bedrag"])
    for p, pl in planted.items():
        row = listed[p]
        measure = ""
        if pl["schema"] == "max_billing" or pl["lookalike"] == "dagbesteding_vast":
            measure = f"whole={whole[p][0] / max(1, whole[p][1]):.2f}"
        elif p in rate:
            measure = f"rate/med={rate[p][1] / median[rate[p][0]]:.2f}"
        elif pl["schema"] == "spook" or pl["lookalike"] == "midmaand":
            measure = f"outside={outside[p][0] / max(1.0, outside[p][1]):.2f}"
        yield (os.path.basename(world.rstrip("/")), pl["schema"] or "L:" + pl["lookalike"], int(row["rang"]),
               row["risicoscore"], pl["variant"], pl["sterkte"], pl["clienten"], measure, row["signalen"])


def main():
    rows = [r for w in sys.argv[1:] for r in world_rows(w)]
    for r in sorted(rows, key=lambda r: (r[1], r[2])):
        print(*r, sep="\t")
    print()
    groups = defaultdict(list)
    for r in rows:
        groups[r[1], r[4] if not r[1].startswith("L:") or r[1] == "L:zorgwoning" else ""].append(r)
    print(f"{'scheme/look-alike':<20} {'variant':<16} {'n':>4} {'fired':>5} {'top50':>5} {'top100':>6} {'median':>6}")
    for (kind, variant), rs in sorted(groups.items()):
        ranks = sorted(r[2] for r in rs)
        code = FIRES.get(kind)
        fired = sum(code in r[8] for r in rs) if code else sum(bool(r[8]) for r in rs)
        print(f"{kind:<20} {variant[:16]:<16} {len(rs):>4} {fired:>5} {sum(x <= 50 for x in ranks):>5} "
              f"{sum(x <= 100 for x in ranks):>6} {statistics.median(ranks):>6}")


if __name__ == "__main__":
    main()
