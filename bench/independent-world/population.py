"""Clients, allocations, PGB agreements and twelve months of declarations for a World."""
import bisect
import datetime as dt
import math

from generate import D, MONTHS, Y, ZIN, days_in

YS, YE = D(Y, 1, 1), D(Y, 12, 31)


def rand_date(r, a, b):
    return a + dt.timedelta(days=r.randint(0, (b - a).days))


def month_max(al, ps, pe):
    """The allocated maximum for a declared (part of a) month, in the allocation's unit."""
    dim = days_in(D(ps.year, ps.month, 1), MONTHS[ps.month - 1][1]) if ps.year == Y else 30
    d = days_in(ps, pe)
    f, v = al["freq"], al["vol"]
    if f == "1":
        return v * d
    if f == "2":
        return v * 52 / 12 * d / dim
    if f == "4":
        return v * d / dim
    return None


def populate(w):
    r = w.r
    n = w.n_cli
    w.clients = []
    for i in range(n):
        a = r.choice(w.housing)
        w.clients.append({"id": f"{r.getrandbits(48):012X}", "addr": a,
                          "sinds": rand_date(r, D(Y - 45, 1, 1), D(Y, 11, 30)) if r.random() < 0.93
                          else rand_date(r, D(Y - 2, 1, 1), D(Y, 11, 30)), "nid": r.random() < w.p_nid})
    order = list(range(n))
    r.shuffle(order)
    w._pool = order
    w.allocs, w.agreements, w.decls = [], [], []
    w.p_mid = r.uniform(0.2, 0.6)
    for p in w.providers:
        if p["pgb"]:
            pgb_provider(w, p)
    pgb_allocations(w)
    for p in w.providers:
        if not p["pgb"] and p["role"] != "honest":
            special_zin(w, p)
    for g in w.groups:
        house_group(w, g)
    generic_zin(w)
    for al in w.allocs:
        declare(w, al)


def next_client(w):
    return w.clients[w._pool.pop()]


def move_in(w, c, addr, start, moved_share):
    c["addr"] = addr
    if w.r.random() < moved_share:
        c["sinds"] = start - dt.timedelta(days=w.r.randint(0, 60))
    elif c["sinds"] > start:
        c["sinds"] = start - dt.timedelta(days=w.r.randint(60, 3000))


# ---------- PGB ----------
def pgb_provider(w, p):
    r, kind, look, s = w.r, p["pgb"], p["look"], p["strength"]
    if kind == "familie":
        k = 1 if r.random() < 0.9 or look else 2
    elif kind == "arbeidsovereenkomst":
        k = r.randint(1, 2)
    elif kind == "opdracht":
        k = min(25, max(1, round(r.lognormvariate(1.0, 0.8))))
    else:
        k = min(80, max(3, round(r.lognormvariate(2.3, 0.8))))
    if look == "grote_pgb":
        k = r.randint(10, 20) if kind == "opdracht" else r.randint(60, 200)
    if p["schema"] in ("tarief", "netwerk"):
        k = r.randint(4, 20)
    mean, sd = w.pgb_norm[kind]
    rate = max(12.0, r.gauss(mean, sd))
    if look == "specialist_zzp":
        rate = mean * r.uniform(1.4, 1.9)
    if p["schema"] == "tarief" and p["variant"] in ("tarief", "beide"):
        rate = mean * (1.3 + 1.5 * s)
    p["uurtarief"] = round(rate, 2)
    p["over_hours"] = 1.1 + 0.5 * s if p["schema"] == "tarief" and p["variant"] in ("uren", "beide") else 1.0
    holders = [a["client"] for a in w.agreements]
    week_left = r.uniform(20, 45) if kind == "opdracht" else 1e9  # one self-employed person's working week
    for _ in range(k):
        if week_left < 1:
            break
        if holders and r.random() < 0.2:
            c = r.choice(holders)
        else:
            c = next_client(w)
        if kind == "familie":
            uren = r.uniform(25, 40) if look == "familie_veel_uren" else r.uniform(3, 20)
        elif kind == "arbeidsovereenkomst":
            uren = r.uniform(4, 16)
        else:
            uren = r.uniform(1, 4) if look == "grote_pgb" else r.uniform(2, 10)
        uren = min(uren, week_left)
        week_left -= uren
        start = rand_date(r, D(Y - 4, 1, 1), D(Y - 1, 12, 1)) if r.random() < 0.75 else rand_date(r, YS, D(Y, 10, 31))
        if r.random() > w.p_mid:
            start = start.replace(day=1)
        end = None if r.random() < 0.8 else rand_date(r, max(start, YS) + dt.timedelta(days=40), YE)
        rek = p.get("shared_rek") or p["rekeningen"][0]
        w.agreements.append({"id": f"OV{len(w.agreements) + 1:07d}", "client": c, "prov": p,
                             "type": kind, "rek": rek if kind in ("opdracht", "instelling") or r.random() < 0.5 else "",
                             "start": start, "end": end, "tarief": p["uurtarief"],
                             "uren": max(0.5, round(uren * 2) / 2), "fixed": kind == "familie" and r.random() < 0.5})


def pgb_allocations(w):
    r = w.r
    by_client = {}
    for ag in w.agreements:
        by_client.setdefault(ag["client"]["id"], []).append(ag)
    for ags in by_client.values():
        month = sum(a["uren"] * a["tarief"] for a in ags) * 52 / 12 * r.uniform(1.0, 1.15)
        start = min(a["start"] for a in ags)
        ends = [a["end"] for a in ags]
        end = None if None in ends else max(ends)
        new_alloc(w, ags[0]["client"], ags[0]["prov"], r.choice(["02", "02", "03", "01"]), "PGB",
                  start, end, round(month * 100), "83", "4", budget=round(month * 12, 2))
        for a in ags:
            declare_pgb(w, a)


def declare_pgb(w, ag):
    r = w.r
    over = ag["prov"]["over_hours"]
    for ms, me in MONTHS:
        ps, pe = max(ms, ag["start"]), min(me, ag["end"] or YE)
        if ps > pe:
            continue
        frac = days_in(ps, pe) / days_in(ms, me)
        base = ag["uren"] * 52 / 12 * frac
        h = base * over if ag["fixed"] else base * over * r.uniform(0.82, 1.0)
        h = round(h * 2) / 2
        if h <= 0 or r.random() < 0.03:
            continue
        add_decl(w, ag["client"], ag["prov"], "", ps, pe, r.choice(["02", "03", ""]), h, "04", ag["tarief"])


# ---------- ZIN ----------
def new_alloc(w, c, p, cat, lv, start, end, vol, unit, freq, budget=None, kind=""):
    al = {"id": f"TW{w.seed % 1000:03d}{len(w.allocs) + 1:07d}", "client": c, "prov": p, "cat": cat, "lv": lv,
          "start": start, "end": end, "vol": vol, "unit": unit, "freq": freq, "budget": budget, "kind": kind,
          "code": f"{cat}{'ABCD'[int(unit) % 4]}{int(freq) + 10 * (unit == '01'):02d}",
          "besluit": start - dt.timedelta(days=w.r.randint(0, 30))}
    w.allocs.append(al)
    return al


def zin_alloc(w, c, p, kind, start=None, end=None, boost=1.0, midmonth=None):
    r = w.r
    cat, units, freq, (lo, hi), _ = ZIN[kind]
    unit = units[0]
    if len(units) > 1 and r.random() < w.minute_share:
        unit = units[1]
    if start is None:
        if r.random() < 0.65:
            start = rand_date(r, D(Y - 4, 1, 1), D(Y - 1, 12, 31))
        else:
            start = rand_date(r, YS, D(Y, 11, 15))
        mid = midmonth if midmonth is not None else r.random() < w.p_mid
        if not mid:
            start = start.replace(day=1)
        elif start.day == 1:
            start = start.replace(day=r.randint(2, 28))
    if end is None:
        u = r.random()
        if u < 0.55:
            end = None
        elif u < 0.8:
            end = rand_date(r, D(Y + 1, 1, 1), D(Y + 2, 12, 31))
        elif start < D(Y, 11, 1):
            end = rand_date(r, max(start, YS) + dt.timedelta(days=30), YE)
            if not (midmonth or r.random() < w.p_mid):
                end = end.replace(day=28) + dt.timedelta(days=4)
                end = end - dt.timedelta(days=end.day)
    elif end is False:
        end = None
    if unit in ("04", "01"):
        vol = min(hi * 2, r.uniform(lo, hi) * boost)
        if freq == "2" and r.random() < w.freq4_share:
            freq, vol = "4", vol * 52 / 12
        vol = round(vol * 2) / 2
        if unit == "01":
            vol = round(vol * 60 / 15) * 15
    else:
        vol = r.randint(int(lo), int(hi))
        if kind == "kv" and r.random() < 0.4:
            freq, vol = "6", r.randint(14, 42)
        if kind == "hm" and r.random() < 0.5:
            freq = "4"  # rental per month
    return new_alloc(w, c, p, cat, "ZIN", start, end, vol, unit, freq, kind=kind)


def special_zin(w, p):
    r, s, role = w.r, p["strength"], p["schema"] or p["look"]
    if role == "woonzorg":
        k = r.randint(10, 50)
        v = p["variant"]
        if v == "eigen_pand":
            bld = w.special_building(r.choice(["kamers", "een_adres", "flat_hn"]), r.randint(6, 30))
            office = w.add_addr(bld[0]["pc"], bld[0]["hn"], "", "0", bld[0]["pand"], bld[0]["street"],
                                "kantoorfunctie")
            p["vest"] = office
        elif v == "meerdere_panden":
            bld = []
            for _ in range(r.randint(2, 4)):
                bld += w.special_building(r.choice(["kamers", "een_adres", "flat_hn"]), r.randint(4, 15))
        else:
            bld = w.special_building("rij", r.randint(4, 10))
        housed = 0.4 + 0.55 * s
        for _ in range(k):
            c = next_client(w)
            al = zin_alloc(w, c, p, "bg", start=recent_start(w), boost=1.2 + 1.3 * s)
            al["r"] = 0.88 + 0.12 * s
            if r.random() < housed:
                move_in(w, c, r.choice(bld), al["start"], 0.3 + 0.65 * s)
            if len(p["kinds"]) > 1 and r.random() < 0.5:
                al2 = zin_alloc(w, c, p, p["kinds"][0], start=al["start"], end=al["end"] or False, boost=1.2)
                al2["r"] = al["r"]
    elif role == "max_billing":
        k = r.randint(20, 150)
        for _ in range(k):
            c = next_client(w)
            for kind in r.sample(p["kinds"], r.randint(1, len(p["kinds"]))):
                zin_alloc(w, c, p, kind)
        p["style"] = r.choice(["ceil", "round", "exact"])
    elif role == "spook":
        k = r.randint(20, 120)
        for _ in range(k):
            zin_alloc(w, next_client(w), p, p["kinds"][0])
    elif role == "netwerk":
        pass  # clients made in house_group
    elif role == "zorgwoning":
        k = r.randint(12, 60)
        bld = w.special_building(r.choice(["een_adres", "kamers", "kamers"]), k, "woonfunctie|gezondheidszorgfunctie")
        p["vest"] = bld[0]
        for i in range(k):
            c = next_client(w)
            al = zin_alloc(w, c, p, p["kinds"][0])
            move_in(w, c, bld[i % len(bld)], al["start"], 0.9)
    elif role == "dagbesteding_vast":
        for _ in range(r.randint(30, 150)):
            zin_alloc(w, next_client(w), p, "db")["fixed"] = True
    elif role == "midmaand":
        for _ in range(r.randint(20, 120)):
            zin_alloc(w, next_client(w), p, r.choice(p["kinds"]), midmonth=True)
    elif role == "seniorenflat":
        flats = [w.special_building(r.choice(["kamers", "flat_hn"]), r.randint(40, 90)) for _ in range(r.randint(1, 3))]
        for _ in range(r.randint(30, 120)):
            c = next_client(w)
            if r.random() < 0.6:
                c["addr"] = r.choice(r.choice(flats))
            zin_alloc(w, c, p, r.choice(p["kinds"]))
        # other providers' clients live there as well
        p["flats"] = flats
    elif role == "concern":
        for _ in range(r.randint(20, 100)):
            zin_alloc(w, next_client(w), p, r.choice(p["kinds"]))


def recent_start(w):
    d = rand_date(w.r, D(Y - 1, 9, 1), D(Y, 9, 30))
    return d if w.r.random() < w.p_mid else d.replace(day=1)


def house_group(w, g):
    """Netwerk: the group's clients share a few buildings; each member is modest."""
    r = w.r
    s = sum(p["strength"] for p in g) / len(g)
    bld = []
    for _ in range(r.randint(2, 5)):
        bld += w.special_building(r.choice(["kamers", "een_adres", "rij", "flat_hn"]), r.randint(3, 12))
    pgb_members = {p["id"] for p in g if p["pgb"]}
    for ag in w.agreements:
        if ag["prov"]["id"] in pgb_members and r.random() < 0.3 + 0.5 * s:
            move_in(w, ag["client"], r.choice(bld), max(ag["start"], D(Y - 1, 6, 1)), 0.3 + 0.5 * s)
    for p in g:
        if p["pgb"]:
            continue
        for _ in range(r.randint(8, 30)):
            c = next_client(w)
            al = zin_alloc(w, c, p, p["kinds"][0], start=recent_start(w), boost=1.0 + 0.5 * s)
            al["r"] = 0.88 + 0.1 * s
            if r.random() < 0.3 + 0.5 * s:
                move_in(w, c, r.choice(bld), al["start"], 0.3 + 0.5 * s)


def generic_zin(w):
    r = w.r
    honest = [p for p in w.providers if not p["pgb"] and p["role"] == "honest"]
    for kind in ZIN:
        if not any(kind in p["kinds"] for p in honest):
            q = r.choice(honest)
            q["kinds"].append(kind)
            q["tarief"][kind] = w.tarief[kind]
    for p in honest:
        p["region"] = set(r.sample(w.pc4s, min(len(w.pc4s), r.randint(2, 8))))
    # cumulative weights per (kind, pc4): local providers preferred
    table = {}
    for kind in ZIN:
        offer = [p for p in honest if kind in p["kinds"]]
        for pc4 in w.pc4s:
            cum, t = [], 0.0
            for p in offer:
                t += p["size"] * (5.0 if pc4 in p["region"] else 1.0)
                cum.append(t)
            table[kind, pc4] = (offer, cum)
    kinds, wts = list(w.kind_mix), list(w.kind_mix.values())
    flats = [a for p in w.providers for f in p.get("flats", []) for a in f]
    while w._pool:
        c = next_client(w)
        if flats and r.random() < 0.01:
            c["addr"] = r.choice(flats)
        for kind in sorted({r.choices(kinds, wts)[0] for _ in range(r.choice([1, 1, 1, 2, 2, 3]))}):
            offer, cum = table[kind, c["addr"]["pc"][:4]]
            p = offer[min(len(offer) - 1, bisect.bisect(cum, r.random() * cum[-1]))]
            al = zin_alloc(w, c, p, kind)
            if kind in ("bw", "wd"):  # sheltered housing: the client lives in one of the provider's buildings
                move_in(w, c, r.choice(facility(w, p)), al["start"], 0.8)


def facility(w, p):
    """The buildings of a sheltered-housing provider, opened one by one as they fill up."""
    homes = p.setdefault("homes", [])
    if not homes or w.r.random() < 0.03:
        homes.extend(w.special_building(w.r.choice(["een_adres", "kamers", "flat_hn"]), w.r.randint(8, 40),
                                        "woonfunctie|gezondheidszorgfunctie"))
    return homes


# ---------- declarations ----------
def add_decl(w, c, p, tw, ps, pe, cat, vol, unit, tarief):
    w.decls.append((c["id"], p["id"], tw, ps, pe, cat, vol, unit, tarief, round(vol * tarief, 2)))
    if w.r.random() < 0.01:  # credit note and correction
        w.decls.append((c["id"], p["id"], tw, ps, pe, cat, -vol, unit, tarief, -round(vol * tarief, 2)))
        v2 = round(vol * w.r.uniform(0.7, 1.0), 2)
        w.decls.append((c["id"], p["id"], tw, ps, pe, cat, v2, unit, tarief, round(v2 * tarief, 2)))


def unit_tarief(p, al):
    t = p["tarief"].get(al["kind"]) or p["tarief"].get(next(iter(p["tarief"])))
    return round(t / 60, 4) if al["unit"] == "01" else round(t, 2)


def quantise(al, v):
    if al["unit"] == "04":
        return round(v * 4) / 4
    if al["unit"] == "01":
        return round(v / 15) * 15
    return float(round(v))


def delivered(w, p, al, ps, pe, mx):
    r = w.r
    rr = al.get("r", p["r"])
    if p["schema"] == "max_billing" and r.random() < 0.6 + 0.4 * p["strength"]:
        if p["style"] == "exact" or al["unit"] in ("04", "01"):
            return round(mx, 2) if al["unit"] != "01" else float(round(mx))
        return float(math.ceil(mx - 1e-9) if p["style"] == "ceil" else max(1, round(mx)))
    if al.get("fixed"):  # honest day care: the same scheduled units every month, rare absences
        return float(al["vol"] * 4 * days_in(ps, pe) // 28) if r.random() < 0.9 else float(max(0, al["vol"] * 4 - 1))
    if al["unit"] in ("04", "01"):
        return quantise(al, mx * min(1.0, max(0.15, r.gauss(rr, 0.1))))
    if al["freq"] == "1":  # residential: every night billed but for a few nights away (hospital, family)
        away = p.setdefault("away", r.uniform(0.0, 0.04))
        return float(sum(1 for _ in range(days_in(ps, pe)) if r.random() >= away))
    return float(sum(1 for _ in range(int(round(mx))) if r.random() < rr))


def declare(w, al):
    if al["lv"] == "PGB":
        return
    r, p = w.r, al["prov"]
    t = unit_tarief(p, al)
    end = al["end"] or YE
    if al["freq"] == "6":
        left = al["vol"]
        for ms, me in MONTHS:
            ps, pe = max(ms, al["start"]), min(me, end)
            if ps > pe or left <= 0:
                continue
            v = left if al["kind"] == "hm" else min(left, r.randint(0, 4))
            if ps.month == al["start"].month or al["kind"] != "hm":
                if v > 0:
                    add_decl(w, al["client"], p, al["id"], ps, pe, al["cat"], float(v), al["unit"], t)
                    left -= v
        return
    for ms, me in MONTHS:
        ps, pe = max(ms, al["start"]), min(me, end)
        if ps > pe:
            continue
        if r.random() < 0.03 and p["schema"] != "max_billing":
            continue  # a month not delivered
        v = delivered(w, p, al, ps, pe, month_max(al, ps, pe))
        if v > 0:
            add_decl(w, al["client"], p, al["id"], ps, pe, al["cat"], v, al["unit"], t)
    if p["schema"] == "spook":
        spook(w, p, al, t)
    elif p["role"] == "honest" and al["end"] and al["end"] < D(Y, 12, 1) and r.random() < 0.02:
        ms, me = MONTHS[al["end"].month]  # an honest administrative slip: one month too many
        add_decl(w, al["client"], p, al["id"], ms, me, al["cat"], quantise(al, month_max(al, ms, me) * 0.5),
                 al["unit"], t)


def spook(w, p, al, t):
    """Bill outside the allocation: after its end, before its start, or for a client without an allocation."""
    r, s = w.r, p["strength"]
    share = 0.1 + 0.45 * s
    if r.random() > share * 1.6:
        return
    how = r.choice(["na_einde", "na_einde", "voor_start", "zonder"])
    if how == "na_einde" and al["end"] is None and al["start"] < D(Y, 6, 1):
        al["end"] = rand_date(r, max(D(Y, 3, 1), al["start"] + dt.timedelta(days=30)), D(Y, 8, 31))  # ended, but billing went on
        # drop the declarations after the new end from the valid set: they now are the phantom part
        return
    if how == "voor_start" and al["start"] > D(Y, 3, 1):
        for ms, me in MONTHS[max(0, al["start"].month - 1 - r.randint(1, 3)):al["start"].month - 1]:
            add_decl(w, al["client"], p, al["id"], ms, me, al["cat"], quantise(al, month_max(al, ms, me) * 0.9),
                     al["unit"], t)
        return
    c = r.choice(w.clients)
    for ms, me in MONTHS[r.randint(0, 6):]:
        add_decl(w, c, p, r.choice(["", al["id"]]), ms, me, al["cat"], quantise(al, month_max(al, ms, me) * 0.9),
                 al["unit"], t)
