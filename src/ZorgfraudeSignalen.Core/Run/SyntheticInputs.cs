using ZorgfraudeSignalen.Core.Extracts;

namespace ZorgfraudeSignalen.Core.Run;

/// <summary>
/// Plain synthetic inputs for tests of the risk engine and for the national-scale benchmark: ordinary providers,
/// a few with a planted 'woonzorg' scheme (clients moved into the provider's building shortly before care, billed
/// at the maximum every month), a few PGB carers with inflated rates and many budget holders, and benign group
/// homes (clients long resident in the provider's building, ordinary billing). Declarations are generated on
/// each enumeration from the allocations, so national sizes need no memory for them. The evaluation against a
/// ground truth uses the Generator project's richer data instead.
/// </summary>
public static class SyntheticInputs
{
    public sealed record Planted(IReadOnlyList<string> Woonzorg, IReadOnlyList<string> PgbTarief, IReadOnlyList<string> Groepswonen);

    public static (RunInputs Inputs, Planted Planted) Create(int providers, int clients, int seed, double schemeShare = 0.01)
    {
        var random = new Random(seed);
        var peil = new DateOnly(2025, 12, 31);
        var aanbieders = new List<Aanbieder>(providers);
        var clienten = new List<Client>(clients);
        var toewijzingen = new List<Toewijzing>(clients + clients / 10);
        var pgb = new List<PgbOvereenkomst>();
        var woonzorg = new List<string>();
        var pgbTarief = new List<string>();
        var groepswonen = new List<string>();
        var schemes = Math.Max(1, (int)(providers * schemeShare));

        for (var p = 0; p < providers; p++)
        {
            var id = $"A{p:D6}";
            var kind = p < schemes ? 1 : p < 2 * schemes ? 2 : p < 3 * schemes ? 3 : 0;
            if (kind == 1) woonzorg.Add(id);
            if (kind == 2) pgbTarief.Add(id);
            if (kind == 3) groepswonen.Add(id);
            var vestiging = new Adres(Postcode(random), 1 + random.Next(200), null, null);
            aanbieders.Add(new Aanbieder(id, $"Zorg {id}", $"{10000000 + p}", vestiging, null,
                kind == 1 ? peil.AddMonths(-14) : peil.AddYears(-3 - random.Next(15)),
                [$"B{(kind == 1 && p % 2 == 0 ? p + 1 : p):D6}"], [$"R{p:D6}"]));
        }
        // Spread the clients over the providers; scheme providers and group homes get their own clients at the vestiging.
        for (var c = 0; c < clients; c++)
        {
            var provider = random.Next(providers);
            var a = aanbieders[provider];
            var kind = provider < schemes ? 1 : provider < 2 * schemes ? 2 : provider < 3 * schemes ? 3 : 0;
            var start = peil.AddDays(-random.Next(30, 1500));
            var lives = kind is 1 or 3 && random.NextDouble() < 0.8
                ? a.Vestiging!
                : new Adres(Postcode(random), 1 + random.Next(300), random.NextDouble() < 0.1 ? "A" : null, null);
            var since = kind == 1 && lives == a.Vestiging ? start.AddDays(-random.Next(5, 50)) : start.AddDays(-random.Next(200, 8000));
            if (kind == 1) start = peil.AddDays(-random.Next(60, 330));
            if (kind == 1 && lives == a.Vestiging) since = start.AddDays(-random.Next(5, 50));
            var clientId = $"C{c:D8}";
            clienten.Add(new Client(clientId, lives, since, null));
            if (kind == 2)
            {
                pgb.Add(new PgbOvereenkomst($"O{c:D8}", clientId, a.AanbiederId, OvereenkomstType.Opdracht, null, start, null,
                    Math.Round(95m + random.Next(40), 2), 10 + random.Next(15)));
                toewijzingen.Add(new Toewijzing($"T{c:D8}", clientId, a.AanbiederId, "02", null, Leveringsvorm.Pgb, start, start, null,
                    400000, "83", "4", 48000));
                continue;
            }
            if (random.NextDouble() < 0.08)
            {
                pgb.Add(new PgbOvereenkomst($"O{c:D8}", clientId, a.AanbiederId, random.NextDouble() < 0.5 ? OvereenkomstType.Opdracht : OvereenkomstType.Instelling,
                    null, start, null, Math.Round(35m + random.Next(30), 2), 4 + random.Next(10)));
                toewijzingen.Add(new Toewijzing($"T{c:D8}", clientId, a.AanbiederId, "02", null, Leveringsvorm.Pgb, start, start, null,
                    200000, "83", "4", 24000));
                continue;
            }
            var category = kind == 3 ? "15" : random.NextDouble() < 0.5 ? "01" : "02";
            var end = random.NextDouble() < 0.2 ? peil.AddDays(-random.Next(1, 300)) : (DateOnly?)null;
            toewijzingen.Add(new Toewijzing($"T{c:D8}", clientId, a.AanbiederId, category, null, Leveringsvorm.Zin, start, start, end,
                2 + random.Next(8), "04", "2", null));
        }
        var allocations = toewijzingen.Where(t => t.Leveringsvorm == Leveringsvorm.Zin).ToArray();
        var agreements = pgb.ToArray();
        var schemeSet = woonzorg.ToHashSet(StringComparer.Ordinal);
        IEnumerable<Declaratie> Declaraties()
        {
            var r = new Random(seed + 1);
            var first = new DateOnly(peil.Year, peil.Month, 1).AddMonths(-11);
            foreach (var a in allocations)
            {
                var atMax = schemeSet.Contains(a.AanbiederId);
                for (var m = 0; m < 12; m++)
                {
                    var month = first.AddMonths(m);
                    var monthEnd = month.AddMonths(1).AddDays(-1);
                    if (a.Ingangsdatum > month || (a.Einddatum is { } e && e < monthEnd)) continue;
                    var max = a.Volume * 52m / 12m;
                    var volume = atMax ? Math.Round(max, 2) : Math.Round(max * (decimal)(0.55 + 0.4 * r.NextDouble()), 2);
                    yield return new Declaratie($"D{a.ToewijzingId}-{m}", a.ClientId, a.AanbiederId, a.ToewijzingId, month, monthEnd,
                        a.Productcategorie, volume, "04", 60m, volume * 60m);
                }
            }
            foreach (var o in agreements)
            {
                for (var m = 0; m < 12; m++)
                {
                    var month = first.AddMonths(m);
                    var monthEnd = month.AddMonths(1).AddDays(-1);
                    if (o.Ingangsdatum > month) continue;
                    var hours = Math.Round(o.UrenPerWeek * 52m / 12m * (decimal)(0.8 + 0.2 * r.NextDouble()), 2);
                    yield return new Declaratie($"D{o.OvereenkomstId}-{m}", o.ClientId, o.AanbiederId, null, month, monthEnd, "02",
                        hours, "04", o.Uurtarief, Math.Round(hours * o.Uurtarief, 2));
                }
            }
        }
        return (new RunInputs(clienten, aanbieders, toewijzingen, pgb, Declaraties, null), new Planted(woonzorg, pgbTarief, groepswonen));
    }

    private static string Postcode(Random random) =>
        $"{1000 + random.Next(9000)}{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}";
}
