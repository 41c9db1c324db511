"""Write a World's extracts in the contract's formats, each file in its own randomly drawn style."""
import csv
import os

from population import YE


class Style:
    def __init__(self, w):
        r = w.r
        self.delim = ";" if r.random() < w.p_semicolon else ","
        self.comma = r.random() < w.p_comma_dec
        self.dmy = r.random() < w.p_dmy
        self.enc = "cp1252" if r.random() < w.p_cp1252 else r.choice(["utf-8", "utf-8-sig"])
        self.upper = r.random() < 0.2  # some back offices shout their headers

    def d(self, x):
        if x is None:
            return ""
        return x.strftime("%d-%m-%Y") if self.dmy else x.strftime("%Y-%m-%d")

    def n(self, x, places=None):
        if x is None:
            return ""
        s = f"{x:.{places}f}" if places is not None else f"{x:.4f}".rstrip("0").rstrip(".")
        if s in ("-0", ""):
            s = "0"
        return s.replace(".", ",") if self.comma else s


def write(w, out, typ, header, rows):
    st = Style(w)
    folder = os.path.join(out, "extracts", typ)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, f"{typ}_{YE:%Y%m%d}.csv"), "w", encoding=st.enc, newline="") as f:
        wr = csv.writer(f, delimiter=st.delim, lineterminator="\r\n")
        wr.writerow([h.upper() if st.upper else h for h in header])
        for row in rows(st):
            wr.writerow(row)


def pc_fmt(w, pc):
    return pc if w.r.random() < 0.9 else pc[:4] + " " + pc[4:].lower()


def write_all(w, out):
    bag = w.bag
    write(w, out, "clienten", ["client_id", "postcode", "huisnummer", "huisletter", "huisnummertoevoeging",
                               "adres_sinds", "nummeraanduiding_id"],
          lambda st: ([c["id"], pc_fmt(w, c["addr"]["pc"]), c["addr"]["hn"], c["addr"]["hl"], c["addr"]["toev"],
                       st.d(c["sinds"]), c["addr"]["nid"] if bag and c["nid"] else ""] for c in w.clients))

    def prov_rows(st):
        for p in w.providers:
            v = p["vest"]
            yield [p["id"], p["naam"], p["kvk"], v["pc"] if v else "", v["hn"] if v else "", v["hl"] if v else "",
                   v["toev"] if v else "", v["nid"] if v and bag and w.r.random() < 0.6 else "",
                   st.d(p["kvk_date"]) if p["kvk"] else "", "|".join(p["bestuurders"]) if p["kvk"] else "",
                   "|".join(p["rekeningen"])]
    write(w, out, "aanbieders", ["aanbieder_id", "naam", "kvk_nummer", "vestiging_postcode", "vestiging_huisnummer",
                                 "vestiging_huisletter", "vestiging_toevoeging", "vestiging_nummeraanduiding_id",
                                 "kvk_inschrijving", "bestuurder_ids", "rekening_ids"], prov_rows)
    write(w, out, "toewijzingen", ["toewijzing_id", "client_id", "aanbieder_id", "productcategorie", "productcode",
                                   "leveringsvorm", "toewijzingsdatum", "ingangsdatum", "einddatum", "volume",
                                   "eenheid", "frequentie", "budget"],
          lambda st: ([a["id"], a["client"]["id"], a["prov"]["id"], a["cat"], a["code"], a["lv"], st.d(a["besluit"]),
                       st.d(a["start"]), st.d(a["end"]), st.n(a["vol"]), a["unit"], a["freq"],
                       st.n(a["budget"], 2) if a["budget"] is not None else ""] for a in w.allocs))
    write(w, out, "pgb_overeenkomsten", ["overeenkomst_id", "client_id", "aanbieder_id", "overeenkomst_type",
                                         "rekening_id", "ingangsdatum", "einddatum", "uurtarief", "uren_per_week"],
          lambda st: ([a["id"], a["client"]["id"], a["prov"]["id"], a["type"], a["rek"], st.d(a["start"]),
                       st.d(a["end"]), st.n(a["tarief"], 2), st.n(a["uren"])] for a in w.agreements))
    write(w, out, "declaraties", ["declaratie_id", "client_id", "aanbieder_id", "toewijzing_id", "periode_start",
                                  "periode_eind", "productcategorie", "volume", "eenheid", "tarief", "bedrag"],
          lambda st: ([f"DC{i + 1:08d}", c, p, tw, st.d(ps), st.d(pe), cat, st.n(v), u, st.n(t), st.n(b, 2)]
                      for i, (c, p, tw, ps, pe, cat, v, u, t, b) in enumerate(w.decls)))
    if bag:
        write(w, out, "bag_adressen", ["nummeraanduiding_id", "postcode", "huisnummer", "huisletter",
                                       "huisnummertoevoeging", "verblijfsobject_id", "pand_id", "openbare_ruimte",
                                       "woonplaats", "gebruiksdoel"],
              lambda st: ([a["nid"], a["pc"], a["hn"], a["hl"], a["toev"], a["vbo"], a["pand"], a["street"], a["wp"],
                           a["doel"]] for a in w.addrs))
    with open(os.path.join(out, "truth.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("aanbieder_id;fraude;schema;lookalike\n")
        for p in w.providers:
            # an honest sheltered-housing provider that was not planted is still a look-alike of woonzorg
            look = p["look"] or ("woonvoorziening" if p["role"] == "honest" and p.get("homes") else "")
            f.write(f"{p['id']};{1 if p['role'] == 'fraud' else 0};{p['schema']};{look}\n")
    # how each planted provider was made, to diagnose what a ranking misses
    n_cli = {}
    for al in w.allocs:
        n_cli.setdefault(al["prov"]["id"], set()).add(al["client"]["id"])
    for ag in w.agreements:
        n_cli.setdefault(ag["prov"]["id"], set()).add(ag["client"]["id"])
    with open(os.path.join(out, "planted.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("aanbieder_id;schema;lookalike;variant;sterkte;clienten;uurtarief\n")
        for p in w.providers:
            if p["role"] != "honest":
                variant = p.get("variant") or p.get("style") or ",".join(p["kinds"]) or p["pgb"]
                f.write(f"{p['id']};{p['schema']};{p['look']};{variant};{p['strength']:.2f};"
                        f"{len(n_cli.get(p['id'], ()))};{p.get('uurtarief', '')}\n")
