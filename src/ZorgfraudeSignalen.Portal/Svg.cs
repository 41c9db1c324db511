using ZorgfraudeSignalen.Core.RiskList;
using static ZorgfraudeSignalen.Portal.Weergave;

namespace ZorgfraudeSignalen.Portal;

/// <summary>The pictures on a signal's page, drawn on the server as inline SVG: no script, no external resource.</summary>
public static class Svg
{
    private const int MaxKnopenPerKolom = 30;

    /// <summary>The timeline marks a move this close to the start of care; the indicator has its own threshold, named in its facts.</summary>
    public const int KortDagen = 30;

    /// <summary>The cluster as a two-column picture: providers on the left, buildings on the right, links between them.</summary>
    public static Html Cluster(ClusterPicture cluster, string huidigeAanbieder)
    {
        // The run names provider nodes "A:{id}" (and buildings "P:{key}"); a bare id is accepted too.
        bool IsHuidig(ClusterNode k) => k.Id == huidigeAanbieder || k.Id == "A:" + huidigeAanbieder;
        var aanbieders = cluster.Knopen.Where(k => k.Soort == "aanbieder").OrderBy(k => IsHuidig(k) ? 0 : 1).ThenBy(k => k.Label, StringComparer.CurrentCulture).ToList();
        var panden = cluster.Knopen.Where(k => k.Soort != "aanbieder").OrderBy(k => k.Label, StringComparer.CurrentCulture).ToList();
        var weggelaten = Math.Max(0, aanbieders.Count - MaxKnopenPerKolom) + Math.Max(0, panden.Count - MaxKnopenPerKolom);
        aanbieders = aanbieders.Take(MaxKnopenPerKolom).ToList();
        panden = panden.Take(MaxKnopenPerKolom).ToList();

        const int breedte = 860, rij = 44, boven = 40, xA = 250, xP = 600;
        var hoogte = boven + Math.Max(aanbieders.Count, panden.Count) * rij + 20;
        var pos = new Dictionary<string, (double X, double Y)>(StringComparer.Ordinal);
        double Y(int i, int n) => boven + (Math.Max(aanbieders.Count, panden.Count) - n) * rij / 2.0 + i * rij + rij / 2.0;
        for (var i = 0; i < aanbieders.Count; i++) pos[aanbieders[i].Id] = (xA, Y(i, aanbieders.Count));
        for (var i = 0; i < panden.Count; i++) pos[panden[i].Id] = (xP, Y(i, panden.Count));

        var lijnen = new List<Html>();
        foreach (var e in cluster.Verbindingen)
        {
            if (!pos.TryGetValue(e.Van, out var a) || !pos.TryGetValue(e.Naar, out var b)) continue;
            var soort = e.Soort;
            var titel = e.Soort switch
            {
                "clienten" => $"{Weergave.Aantal(e.Gewicht, "cliënt", "cliënten")} van deze aanbieder {(e.Gewicht == 1 ? "woont" : "wonen")} in dit pand",
                "vestiging" => "de aanbieder is in dit pand gevestigd",
                "bestuurder" => "gedeelde bestuurder",
                "rekening" => "gedeeld rekeningnummer",
                _ => e.Soort,
            };
            if (a.X == b.X)
            {
                // provider to provider: an arc to the left of the provider column
                var bocht = a.X - 60 - Math.Abs(a.Y - b.Y) / 4;
                lijnen.Add(Html.H($"<path class=\"lijn {soort}\" d=\"M{N(a.X - 12)},{N(a.Y)} Q{N(bocht)},{N((a.Y + b.Y) / 2)} {N(b.X - 12)},{N(b.Y)}\"><title>{titel}</title></path>"));
            }
            else
            {
                var dikte = soort == "clienten" ? Math.Min(8, 1 + e.Gewicht) : 1.5;
                lijnen.Add(Html.H($"<line class=\"lijn {soort}\" x1=\"{N(a.X + 10)}\" y1=\"{N(a.Y)}\" x2=\"{N(b.X - 10)}\" y2=\"{N(b.Y)}\" stroke-width=\"{N(dikte)}\"><title>{titel}</title></line>"));
                if (soort == "clienten")
                {
                    var (mx, my) = (a.X + 10 + (b.X - a.X - 20) * 0.62, a.Y + (b.Y - a.Y) * 0.62);
                    lijnen.Add(Html.H($"<text class=\"gewicht\" x=\"{N(mx)}\" y=\"{N(my - 4)}\">{e.Gewicht}</text>"));
                }
            }
        }

        var knopen = new List<Html>();
        foreach (var k in aanbieders)
        {
            var (x, y) = pos[k.Id];
            var klasse = IsHuidig(k) ? "knoop aanbieder huidig" : "knoop aanbieder";
            knopen.Add(Html.H($"<g class=\"{klasse}\"><circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"10\"/><text x=\"{N(x - 18)}\" y=\"{N(y + 4)}\" text-anchor=\"end\">{Kort(k.Label, 30)}</text><title>{k.Label} ({k.Id})</title></g>"));
        }
        foreach (var k in panden)
        {
            var (x, y) = pos[k.Id];
            knopen.Add(Html.H($"<g class=\"knoop pand\"><rect x=\"{N(x - 9)}\" y=\"{N(y - 9)}\" width=\"18\" height=\"18\" rx=\"2\"/><text x=\"{N(x + 18)}\" y=\"{N(y + 4)}\">{Kort(k.Label, 32)}</text><title>{k.Label}</title></g>"));
        }
        var noot = weggelaten > 0 ? Html.H($"<text class=\"noot\" x=\"10\" y=\"{hoogte - 6}\">{weggelaten} knopen niet getoond</text>") : Html.Leeg;
        return Html.H($"""
            <svg class="cluster" viewBox="0 0 {breedte} {hoogte}" width="100%" role="img" aria-labelledby="cluster-titel">
            <title id="cluster-titel">Cluster {cluster.ClusterId}: {aanbieders.Count} aanbieders en {panden.Count} panden</title>
            <text class="kolomkop" x="{xA}" y="20" text-anchor="middle">Aanbieders</text><text class="kolomkop" x="{xP}" y="20" text-anchor="middle">Panden</text>
            {lijnen}{knopen}{noot}
            </svg>
            """);
    }

    /// <summary>Bars per month; where a cap is known a dashed mark shows it and a bar above it is drawn in the warning colour.</summary>
    public static Html Staafdiagram(string titel, IReadOnlyList<(string Label, double Waarde, double? Maximum)> punten, Func<double, string> formaat)
    {
        if (punten.Count == 0) return Html.H($"<p class=\"leeg\">Geen declaraties.</p>");
        const int hoogte = 220, links = 70, onder = 40, boven = 16;
        var staaf = Math.Clamp(640 / punten.Count, 14, 48);
        var breedte = links + punten.Count * staaf + 20;
        var max = Math.Max(1e-9, punten.Max(p => Math.Max(p.Waarde, p.Maximum ?? 0)));
        double Yv(double v) => boven + (hoogte - boven - onder) * (1 - Math.Max(0, v) / max);
        var onderkant = hoogte - onder;
        var delen = new List<Html>();
        for (var t = 0; t <= 4; t++)
        {
            var v = max * t / 4;
            delen.Add(Html.H($"<line class=\"raster\" x1=\"{links}\" x2=\"{breedte - 10}\" y1=\"{N(Yv(v))}\" y2=\"{N(Yv(v))}\"/><text class=\"as\" x=\"{links - 6}\" y=\"{N(Yv(v) + 4)}\" text-anchor=\"end\">{formaat(v)}</text>"));
        }
        for (var i = 0; i < punten.Count; i++)
        {
            var (label, waarde, maximum) = punten[i];
            var x = links + i * staaf + 3;
            var boven_ = maximum is { } m && waarde > m;
            var y = Yv(waarde);
            delen.Add(Html.H($"<rect class=\"{(boven_ ? "staaf boven" : "staaf")}\" x=\"{N(x)}\" y=\"{N(y)}\" width=\"{staaf - 6}\" height=\"{N(Math.Max(0, onderkant - y))}\"><title>{label}: {formaat(waarde)}{(maximum is { } mm ? " (maximum " + formaat(mm) + ")" : "")}</title></rect>"));
            if (maximum is { } mx)
                delen.Add(Html.H($"<line class=\"maximum\" x1=\"{N(x - 2)}\" x2=\"{N(x + staaf - 4)}\" y1=\"{N(Yv(mx))}\" y2=\"{N(Yv(mx))}\"/>"));
            if (punten.Count <= 18 || i % 3 == 0)
                delen.Add(Html.H($"<text class=\"as\" x=\"{N(x + (staaf - 6) / 2.0)}\" y=\"{onderkant + 16}\" text-anchor=\"middle\">{label}</text>"));
        }
        return Html.H($"""<svg class="grafiek" viewBox="0 0 {breedte} {hoogte}" width="{breedte}" role="img"><title>{titel}</title>{delen}</svg>""");
    }

    /// <summary>Per client: when they moved into the building (circle) against when care started (square).</summary>
    public static Html Tijdlijn(IReadOnlyList<(string Client, string Pand, DateOnly AdresSinds, DateOnly? ZorgStart, int? Dagen)> regels)
    {
        if (regels.Count == 0) return Html.H($"<p class=\"leeg\">Geen cliënten in deze panden.</p>");
        var toon = regels.Take(40).ToList();
        var datums = toon.SelectMany(r => r.ZorgStart is { } z ? new[] { r.AdresSinds, z } : [r.AdresSinds]).ToList();
        var van = datums.Min().AddDays(-30);
        var tot = datums.Max().AddDays(30);
        var dagen = Math.Max(1, tot.DayNumber - van.DayNumber);
        const int links = 200, rechts = 840, rij = 22, boven = 30;
        double X(DateOnly d) => links + (rechts - links) * (d.DayNumber - van.DayNumber) / (double)dagen;
        var hoogte = boven + toon.Count * rij + 10;
        var delen = new List<Html>();
        for (var m = new DateOnly(van.Year, van.Month, 1).AddMonths(1); m < tot; m = m.AddMonths(Math.Max(1, dagen / 30 / 8)))
            delen.Add(Html.H($"<line class=\"raster\" x1=\"{N(X(m))}\" x2=\"{N(X(m))}\" y1=\"{boven - 8}\" y2=\"{hoogte - 6}\"/><text class=\"as\" x=\"{N(X(m))}\" y=\"{boven - 12}\" text-anchor=\"middle\">{m.ToString("MMM yy", Html.Nl)}</text>"));
        for (var i = 0; i < toon.Count; i++)
        {
            var r = toon[i];
            var y = boven + i * rij + rij / 2.0;
            delen.Add(Html.H($"<text class=\"as\" x=\"{links - 8}\" y=\"{N(y + 4)}\" text-anchor=\"end\">{r.Client}</text>"));
            if (r.ZorgStart is { } z)
            {
                var kort = r.Dagen is { } d && Math.Abs(d) <= KortDagen;
                delen.Add(Html.H($"<line class=\"{(kort ? "verband kort" : "verband")}\" x1=\"{N(X(r.AdresSinds))}\" x2=\"{N(X(z))}\" y1=\"{N(y)}\" y2=\"{N(y)}\"/>"));
                delen.Add(Html.H($"<rect class=\"zorgstart\" x=\"{N(X(z) - 5)}\" y=\"{N(y - 5)}\" width=\"10\" height=\"10\"><title>{r.Client}: zorg gestart {Datum(z)}</title></rect>"));
            }
            delen.Add(Html.H($"<circle class=\"verhuizing\" cx=\"{N(X(r.AdresSinds))}\" cy=\"{N(y)}\" r=\"5\"><title>{r.Client}: woont sinds {Datum(r.AdresSinds)} in {r.Pand}</title></circle>"));
        }
        var meer = regels.Count > toon.Count ? Html.H($"<p class=\"noot\">{regels.Count - toon.Count} cliënten meer staan in de tabel hierboven.</p>") : Html.Leeg;
        return Html.H($"""<svg class="tijdlijn" viewBox="0 0 860 {hoogte}" width="100%" role="img"><title>Verhuizingen tegenover start van de zorg</title>{delen}</svg>{meer}""");
    }

    /// <summary>A small horizontal bar for a share 0..1.</summary>
    public static Html Aandeel(double aandeel) =>
        Html.H($"<svg class=\"aandeel\" viewBox=\"0 0 100 10\" width=\"100\" height=\"10\" aria-hidden=\"true\"><rect class=\"achter\" width=\"100\" height=\"10\"/><rect class=\"voor\" width=\"{N(Math.Clamp(aandeel, 0, 1) * 100)}\" height=\"10\"/></svg>");

    private static string Kort(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
