#!/usr/bin/env python3
"""An independent synthetic Wmo/PGB municipality, written from the extract contract alone.

Writes DIR/extracts/{type}/{type}.csv and DIR/truth.csv. Every seed draws its own world:
rates, unit mix, building forms, file formats and the strength of five planted fraud schemes.
Standard library only.
"""
import argparse
import calendar
import datetime as dt
import random

Y = 2025
D = dt.date
MONTHS = [(D(Y, m, 1), D(Y, m, calendar.monthrange(Y, m)[1])) for m in range(1, 13)]
LETTERS = "ABCDEGHJKLMNPRTVWXZ"
STREETS = ["Dorpsstraat", "Kerkweg", "Molenlaan", "Coöperatiestraat", "Curaçaostraat", "Réaumurstraat",
           "Ruïnelaan", "Zeeëngte", "Bühlerweg", "Prinses Irenelaan", "Händelstraat", "Citroënkade",
           "Lindenhof", "Vondelstraat", "Brouwersgracht", "Sint Jozefplein", "Émile Zolastraat", "Beukenlaan",
           "Noordsingel", "Hoefsmid", "Geüniëerdenweg", "Tuinstraat", "Parallelweg", "Stationsplein",
           "Marktstraat", "Nieuwe Kade", "Schoolstraat", "Julianastraat", "Wilhelminapark", "Oranjelaan"]
NAME_A = ["Zorg", "Thuiszorg", "Begeleiding", "Zorgcoöperatie", "Wonen & Zorg", "Dagcentrum", "Zorggroep",
          "Thuishulp", "Zorgbureau", "Stichting"]
NAME_B = ["De Brug", "Één", "Hélène", "Müller", "Noord", "Het Anker", "De Zonnebloem", "Crème", "Aan Huis",
          "Samen", "Ons Thuis", "Naïef", "De Linde", "Perspectief", "Vitaal", "Zuid", "Kompas", "Lichtpunt"]

# ZIN kinds: categorie, eenheid choices, frequentie, volume range per frequency period, tariff range (per hour or unit)
ZIN = {
    "hh":   ("01", ["04", "01"], "2", (1.5, 4.0), (27, 34)),
    "bg":   ("02", ["04", "01"], "2", (1.0, 6.0), (55, 72)),
    "pv":   ("03", ["04", "01"], "2", (1.0, 6.0), (50, 63)),
    "ov":   ("06", ["04"], "4", (4.0, 20.0), (55, 70)),
    "db":   ("07", ["16"], "2", (1, 6), (35, 62)),
    "gg":   ("09", ["16"], "2", (1, 4), (30, 50)),
    "kv":   ("04", ["14"], "4", (2, 5), (110, 165)),
    "bw":   ("15", ["14"], "1", (1, 1), (120, 215)),
    "wd":   ("05", ["14"], "1", (1, 1), (60, 110)),
    "vv":   ("08", ["82"], "2", (2, 8), (8, 20)),
    "hm":   ("14", ["82"], "6", (1, 1), (250, 2500)),
}


def fmt_date(d, style):
    return d.strftime("%Y-%m-%d") if style == "iso" else d.strftime("%d-%m-%Y")


def days_in(ps, pe):
    return (pe - ps).days + 1


class World:
    def __init__(self, seed, n_prov, n_cli, bag, fraud_factor=1.0):
        self.r = random.Random(seed)
        self.seed, self.n_prov, self.n_cli, self.bag = seed, n_prov, n_cli, bag
        self.fraud_factor = fraud_factor
        r = self.r
        self.gem = str(r.randint(300, 1990)).zfill(4)
        # per-seed style
        self.p_semicolon = r.choice([1.0, 0.7, 0.3])
        self.p_comma_dec = r.choice([0.0, 0.5, 1.0])
        self.p_dmy = r.choice([0.0, 0.3, 0.8])
        self.p_cp1252 = r.choice([0.0, 0.3, 0.6])
        self.p_nid = r.uniform(0.3, 1.0)  # share of clients whose back office has the BAG id
        self.tarief = {k: r.uniform(*v[4]) for k, v in ZIN.items()}
        self.minute_share = r.uniform(0.0, 0.5)
        self.kind_mix = {"hh": r.uniform(20, 35), "bg": r.uniform(20, 35), "pv": r.uniform(5, 12),
                         "ov": r.uniform(1, 5), "db": r.uniform(6, 16), "gg": r.uniform(1, 5),
                         "kv": r.uniform(1, 4), "bw": r.uniform(1, 4), "wd": r.uniform(0.5, 2),
                         "vv": r.uniform(3, 8), "hm": r.uniform(3, 8)}
        self.freq4_share = r.uniform(0.0, 0.3)  # hour allocations per month instead of per week
        self.pgb_norm = {"familie": (r.uniform(17, 23), r.uniform(1, 2.5)),
                         "arbeidsovereenkomst": (r.uniform(16, 22), r.uniform(1, 3)),
                         "opdracht": (r.uniform(36, 55), r.uniform(3, 9)),
                         "instelling": (r.uniform(50, 68), r.uniform(3, 8))}
        self.forms = {"rij": r.uniform(2, 6), "flat_hn": r.uniform(0.5, 2), "flat_toev": r.uniform(0.5, 2),
                      "portiek": r.uniform(1, 3), "gemengd": r.uniform(0.3, 1)}
        self.strength = (r.uniform(0.0, 0.4), r.uniform(0.6, 1.0))  # range of fraud strength this seed
        self.seq = 0
        self.addrs = []      # dicts
        self.pc6_used = set()

    # ---------- ids ----------
    def nid(self, kind):
        self.seq += 1
        return self.gem + kind + str(self.seq).zfill(10)

    def new_pc6(self, pc4):
        while True:
            pc = pc4 + self.r.choice(LETTERS) + self.r.choice(LETTERS)
            if pc not in self.pc6_used and pc[4:] not in ("SA", "SD", "SS"):
                self.pc6_used.add(pc)
                return pc

    def add_addr(self, pc, hn, hl, toev, pand, street, doel):
        a = {"nid": self.nid("20"), "pc": pc, "hn": hn, "hl": hl, "toev": toev, "vbo": self.nid("01"),
             "pand": pand, "street": street, "doel": doel, "wp": self.woonplaats}
        self.addrs.append(a)
        return a

    # ---------- buildings ----------
    def build_pc6(self, pc4, form, street=None):
        r = self.r
        pc = self.new_pc6(pc4)
        street = street or r.choice(STREETS)
        start = r.randint(1, 120)
        out = []
        if form == "rij":
            for i in range(r.randint(8, 30)):
                out.append(self.add_addr(pc, start + 2 * i, "", "", self.nid("10"), street, "woonfunctie"))
        elif form == "flat_hn":
            pand, n = self.nid("10"), r.randint(20, 100)
            pc2 = self.new_pc6(pc4) if r.random() < 0.35 else pc  # a pand spanning two postcodes
            for i in range(n):
                out.append(self.add_addr(pc if i < n // 2 else pc2, start + 2 * i, "", "", pand, street,
                                         "woonfunctie"))
        elif form == "flat_toev":
            for _ in range(r.randint(1, 3)):
                pand, hn = self.nid("10"), start
                start += 2
                use_letter = r.random() < 0.3
                for j in range(r.randint(8, 60) if not use_letter else r.randint(4, 8)):
                    hl, toev = (LETTERS[j], "") if use_letter else ("", str(j + 1))
                    out.append(self.add_addr(pc, hn, hl, toev, pand, street, "woonfunctie"))
        elif form == "portiek":
            for _ in range(r.randint(2, 6)):
                pand = self.nid("10")
                for j in range(r.randint(4, 12)):
                    out.append(self.add_addr(pc, start, "", ["1", "2", "3", "4", "A", "B"][j % 6] + ("" if j < 6 else "I"),
                                             pand, street, "woonfunctie"))
                    if j % 6 == 5:
                        start += 2
                start += 2
        else:  # gemengd: shop with dwellings above
            for i in range(r.randint(4, 15)):
                pand = self.nid("10")
                hn = start + 2 * i
                out.append(self.add_addr(pc, hn, "", "hs", pand, street, "winkelfunctie"))
                for t in ("1", "2"):
                    out.append(self.add_addr(pc, hn, "", t, pand, street, "woonfunctie"))
        return out

    def build_city(self):
        r = self.r
        self.woonplaats = r.choice(["Zwolle-Zuid", "Den Bosch", "Sûdwest", "Ede", "Ëlst", "Tilburg"])
        target = self.n_cli * r.uniform(2.5, 4.0)
        n_pc4 = max(10, int(target / 2500))
        base = r.randint(1000, 9999 - n_pc4)
        self.pc4s = [str(base + i) for i in range(n_pc4)]
        forms, w = list(self.forms), list(self.forms.values())
        self.housing = []
        while len(self.addrs) < target:
            form = r.choices(forms, w)[0]
            self.housing += [a for a in self.build_pc6(r.choice(self.pc4s), form) if a["doel"] == "woonfunctie"]
        self.offices = []
        for _ in range(max(20, self.n_prov // 15)):
            pc = self.new_pc6(r.choice(self.pc4s))
            pand, st, hn = self.nid("10"), r.choice(STREETS), r.randint(1, 300)
            for j in range(r.randint(1, 12)):
                self.offices.append(self.add_addr(pc, hn + 2 * (j // 4), "", ["", "A", "B", "C"][j % 4], pand, st,
                                                  "kantoorfunctie"))
        self.by_pc4 = {}
        for a in self.housing:
            self.by_pc4.setdefault(a["pc"][:4], []).append(a)

    def special_building(self, form, n_units, doel="woonfunctie"):
        """A building a provider controls (or a care home): returns its addresses."""
        r = self.r
        pc, st = self.new_pc6(r.choice(self.pc4s)), r.choice(STREETS)
        hn, out = r.randint(1, 200), []
        if form == "een_adres":          # everyone registered at one address (care home, rooms let)
            out.append(self.add_addr(pc, hn, "", "", self.nid("10"), st, doel))
        elif form == "kamers":           # one pand, units by toevoeging
            pand = self.nid("10")
            for j in range(n_units):
                out.append(self.add_addr(pc, hn, "", str(j + 1), pand, st, doel))
        elif form == "flat_hn":          # one pand, many huisnummers, maybe over two postcodes
            pand = self.nid("10")
            pc2 = self.new_pc6(pc[:4]) if r.random() < 0.5 else pc
            for j in range(n_units):
                out.append(self.add_addr(pc if j % 2 else pc2, hn + 2 * j, "", "", pand, st, doel))
        else:                            # rij: houses in one postcode, each its own pand
            for j in range(n_units):
                out.append(self.add_addr(pc, hn + 2 * j, "", "", self.nid("10"), st, doel))
        return out

    # ---------- providers ----------
    def provider_name(self):
        return f"{self.r.choice(NAME_A)} {self.r.choice(NAME_B)} {self.r.randint(1, 999)}"

    def make_providers(self):
        r = self.r
        n = self.n_prov
        p_pgb = r.uniform(0.3, 0.5)
        self.providers = []
        for i in range(n):
            p = {"id": "", "role": "honest", "schema": "", "look": "", "bestuurders": [f"B{r.getrandbits(40):010x}"],
                 "rekeningen": [f"R{r.getrandbits(40):010x}"], "strength": 0.0}
            if r.random() < p_pgb:
                p["pgb"] = r.choices(["familie", "arbeidsovereenkomst", "opdracht", "instelling"], [35, 15, 35, 15])[0]
                p["kinds"] = []
            else:
                p["pgb"] = ""
                kinds, w = list(self.kind_mix), list(self.kind_mix.values())
                p["kinds"] = sorted({r.choices(kinds, w)[0] for _ in range(r.choice([1, 1, 2, 3]))})
            p["size"] = r.lognormvariate(0, 1.3)
            self.providers.append(p)
        # ids: AGB-like for Wmo partners and institutions, KvK-like for zzp, SVB-like for private carers
        used = set()
        for p in self.providers:
            while True:
                if p["pgb"] in ("familie", "arbeidsovereenkomst"):
                    pid = f"ZV{r.randint(1000000, 9999999)}"
                elif p["pgb"] == "opdracht":
                    pid = str(r.randint(10000000, 99999999))
                else:
                    pid = "98" + str(r.randint(0, 999999)).zfill(6)
                if pid not in used:
                    used.add(pid)
                    p["id"] = pid
                    break
            p["naam"] = self.provider_name() if p["pgb"] not in ("familie", "arbeidsovereenkomst") \
                else f"PGB-zorgverlener {pid}"
            p["tarief"] = {k: self.tarief[k] * r.uniform(0.97, 1.05) for k in p["kinds"]}
            p["r"] = r.uniform(0.72, 0.95)  # how much of the allocation an honest provider delivers
            if p["pgb"] in ("familie", "arbeidsovereenkomst"):
                p["vest"], p["kvk"] = None, ""
            elif p["pgb"] == "opdracht":
                p["vest"], p["kvk"] = r.choice(self.housing), p["id"]
            else:
                p["vest"], p["kvk"] = r.choice(self.offices), str(r.randint(10000000, 99999999))
            p["kvk_date"] = D(r.randint(1995, 2024), r.randint(1, 12), r.randint(1, 28))

    def plant(self):
        """Assign fraud schemes and honest look-alikes to providers."""
        r = self.r
        zin = [p for p in self.providers if not p["pgb"]]
        pgb_pro = [p for p in self.providers if p["pgb"] in ("opdracht", "instelling")]
        r.shuffle(zin)
        r.shuffle(pgb_pro)
        lo, hi = self.strength
        n = self.n_prov
        per = max(3, round(n * r.uniform(0.045, 0.065) / 5 * self.fraud_factor))

        def take(pool, k, role, schema="", look=""):
            out = []
            while pool and len(out) < k:
                p = pool.pop()
                p["role"], p["schema"], p["look"], p["strength"] = role, schema, look, r.uniform(lo, hi)
                out.append(p)
            return out

        for p in take(zin, per, "fraud", "woonzorg"):
            p["kinds"] = sorted({r.choice(["bg", "bg", "pv", "hh"]), "bg"})
            p["tarief"] = {k: self.tarief[k] for k in p["kinds"]}
            p["variant"] = r.choice(["eigen_pand", "meerdere_panden", "rij"])
        for p in take(zin, per, "fraud", "max_billing"):
            p["kinds"] = sorted({r.choice(["db", "hh", "bg", "pv", "vv"]) for _ in range(r.randint(2, 3))})
            p["tarief"] = {k: self.tarief[k] for k in p["kinds"]}
        for p in take(pgb_pro, per, "fraud", "tarief"):
            p["variant"] = r.choice(["tarief", "tarief", "uren", "beide"])
        for p in take(zin, per, "fraud", "spook"):
            p["kinds"] = [r.choice(["hh", "bg", "pv", "db"])]
            p["tarief"] = {k: self.tarief[k] for k in p["kinds"]}
        # netwerk: groups of 3-6, a mix of Wmo partners and PGB institutions
        self.groups = []
        left = per + r.randint(0, 3)
        while left > 0:
            k = r.randint(3, 6)
            inst = [p for p in pgb_pro if p["pgb"] == "instelling"]
            g = take(zin, k - 1, "fraud", "netwerk") + take(inst, 1, "fraud", "netwerk")
            pgb_pro = [p for p in pgb_pro if p["role"] == "honest"]
            for p in g:
                if not p["pgb"]:
                    p["kinds"] = [r.choice(["bg", "bg", "hh", "db"])]
                    p["tarief"] = {k2: self.tarief[k2] for k2 in p["kinds"]}
            self.link(g, r.choice(["bestuurder", "rekening", "beide"]))
            self.groups.append(g)
            left -= k
        # honest look-alikes
        nl = max(2, round(n * r.uniform(0.005, 0.01)))
        for p in take(zin, nl, "look", look="zorgwoning"):
            p["kinds"] = [r.choice(["bw", "bw", "wd"])]
            p["tarief"] = {k: self.tarief[k] for k in p["kinds"]}
        for p in take(zin, nl, "look", look="dagbesteding_vast"):
            p["kinds"] = ["db"]
            p["tarief"] = {"db": self.tarief["db"]}
        for p in take(zin, nl, "look", look="midmaand"):
            pass
        for p in take(zin, nl, "look", look="seniorenflat"):
            p["kinds"] = ["hh", "pv"]
            p["tarief"] = {k: self.tarief[k] for k in p["kinds"]}
        for p in take(zin, max(1, nl // 2), "look", look="concern"):
            pass
        fam = [p for p in self.providers if p["pgb"] == "familie" and p["role"] == "honest"]
        r.shuffle(fam)
        take(fam, nl, "look", look="familie_veel_uren")
        zzp = [p for p in pgb_pro if p["pgb"] == "opdracht"]
        take(zzp, nl, "look", look="specialist_zzp")
        pgb_pro = [p for p in pgb_pro if p["role"] == "honest"]
        take(pgb_pro, nl, "look", look="grote_pgb")
        # concern: an honest holding with two or three daughters sharing directors and accounts
        for p in [p for p in self.providers if p["look"] == "concern"]:
            sisters = take(zin, r.randint(1, 2), "look", look="concern")
            self.link([p] + sisters, r.choice(["bestuurder", "rekening", "beide"]))

    def link(self, g, how):
        """Link a group by a shared director and/or a shared bank account; every member gets at least one."""
        r = self.r
        shared_b, shared_r = f"B{r.getrandbits(40):010x}", f"R{r.getrandbits(40):010x}"
        for i, p in enumerate(g):
            use_b = how == "bestuurder" or (how == "beide" and (i == 0 or r.random() < 0.6))
            use_r = how == "rekening" or (how == "beide" and (i == 0 or not use_b or r.random() < 0.6))
            if use_b:
                p["bestuurders"].append(shared_b)
            if use_r:
                p["rekeningen"].append(shared_r)
            p["shared_rek"] = shared_r if use_r else ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--providers", type=int, default=1500)
    ap.add_argument("--clients", type=int, default=100000)
    ap.add_argument("--no-bag", action="store_true")
    ap.add_argument("--fraud-factor", type=float, default=1.0,
                    help="multiplies the number of frauds per scheme (about 5 %% of providers in all at 1)")
    a = ap.parse_args()
    from population import populate
    from writer import write_all
    w = World(a.seed, a.providers, a.clients, not a.no_bag, a.fraud_factor)
    w.build_city()
    w.make_providers()
    w.plant()
    populate(w)
    write_all(w, a.out)


if __name__ == "__main__":
    main()
