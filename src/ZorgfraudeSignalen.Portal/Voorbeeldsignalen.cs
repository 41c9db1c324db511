using System.Security.Cryptography;
using System.Text;
using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.Portal;

/// <summary>
/// Made-up signals for the portal's tests, its benchmark and <c>serve --voorbeelddata</c>: deterministic for a seed,
/// shaped like a real run's output (indicators with facts, deviations, buildings with pseudonymous clients,
/// declarations per month, a cluster). Not the output of a risk run and never shown as one outside development mode.
/// </summary>
public static class Voorbeeldsignalen
{
    private static readonly string[] Straten = ["Dorpsstraat", "Kerkweg", "Molenlaan", "Stationsplein", "Beukenhof", "Havenkade", "Julianastraat", "Lindelaan"];
    private static readonly string[] Namen = ["Zorg", "Thuiszorg", "Begeleiding", "Welzijn", "Woonzorg", "Dagbesteding"];
    private static readonly string[] Plaatsen = ["Oost", "West", "Noord", "Centrum", "aan Zee", "Plus", "Samen", "Dichtbij"];

    public static IReadOnlyList<SignalDetail> Maak(string runId, int aantal, int seed = 1, double publicatieDrempel = 0.0, Func<int, string>? naam = null)
    {
        var rnd = new Random(seed);
        var ruw = Enumerable.Range(0, aantal).Select(i =>
        {
            var score = Math.Round(100 * Math.Pow(rnd.NextDouble(), 2.2), 1);
            return (Index: i, Score: score, Anomalie: Math.Round(Math.Clamp(score / 100 + (rnd.NextDouble() - 0.5) * 0.2, 0, 1), 3));
        }).OrderByDescending(x => x.Score).ToList();
        var gepubliceerd = ruw.Count(x => x.Score >= publicatieDrempel);
        var details = new List<SignalDetail>(aantal);
        for (var rang = 1; rang <= ruw.Count; rang++)
        {
            var (i, score, anomalie) = ruw[rang - 1];
            var id = $"AGB{10000000 + i:D8}";
            var aanbiederNaam = naam?.Invoke(i) ?? $"{Namen[i % Namen.Length]} {Plaatsen[(i / Namen.Length) % Plaatsen.Length]} {i}";
            var clusterId = i % 7 == 0 ? null : $"C{(i % 40) + 1:D3}";
            var codes = new List<string>();
            if (score > 30) codes.Add("COLOC_PAND");
            if (score > 50) codes.Add("VERHUIS_ZORGSTART");
            if (score > 70) codes.Add("VOLUME_BOVEN_MAX");
            if (i % 5 == 0 && score > 20) codes.Add("GEDEELDE_BESTUURDER");
            var status = score >= publicatieDrempel ? ReviewStatus.TeBeoordelen : ReviewStatus.NietGepubliceerd;
            var panden = Panden(rnd, i, 1 + i % 3);
            var clienten = panden.Sum(p => p.Clienten.Count);
            var toelichting = codes.Count == 0
                ? $"{aanbiederNaam} wijkt vooral af in het declaratiepatroon (anomaliescore {anomalie:0.00}); geen indicator is afgegaan."
                : $"{clienten} cliënten van {aanbiederNaam} wonen in {panden.Count} pand(en) die de aanbieder deelt met andere aanbieders; {codes.Count} indicator(en) afgegaan: {string.Join(", ", codes)}.";
            var signal = new Signal(rang, id, aanbiederNaam, score, codes, anomalie, toelichting, clusterId, status, runId);
            var indicatoren = new List<IndicatorFinding>
            {
                new("COLOC_PAND", "Cliënten samen in een pand", codes.Contains("COLOC_PAND"), clienten, 4, $"{clienten} cliënten in {panden.Count} pand(en); drempel 4 cliënten in één pand."),
                new("VERHUIS_ZORGSTART", "Verhuizing kort voor start zorg", codes.Contains("VERHUIS_ZORGSTART"), Math.Round(score / 100, 2), 0.5, $"{Math.Round(score / 2)}% van de cliënten verhuisde binnen 30 dagen voor de start van de zorg naar het pand."),
                new("VOLUME_BOVEN_MAX", "Gedeclareerd boven toewijzing", codes.Contains("VOLUME_BOVEN_MAX"), Math.Round(score / 60, 2), 1.1, $"Gedeclareerd volume is {Math.Round(score / 60 * 100)}% van het toegewezen maximum."),
                new("GEDEELDE_BESTUURDER", "Bestuurder gedeeld met andere aanbieder", codes.Contains("GEDEELDE_BESTUURDER"), codes.Contains("GEDEELDE_BESTUURDER") ? 1 : 0, 1, "Volgens het KvK-extract deelt deze aanbieder een bestuurder met een andere aanbieder in het cluster."),
            };
            var afwijkingen = new List<FeatureDeviation>
            {
                new("clienten_per_pand", "Cliënten per pand", Math.Round(clienten / (double)panden.Count, 1), 1.2, 0.45),
                new("declaratie_per_client", "Gedeclareerd bedrag per cliënt per maand (€)", Math.Round(900 + score * 25), 850, 0.3),
                new("aandeel_verhuisd", "Aandeel cliënten verhuisd vlak voor zorgstart", Math.Round(score / 200, 2), 0.05, 0.15),
                new("uren_per_client", "Uren per cliënt per week", Math.Round(6 + score / 10, 1), 5.5, 0.1),
            };
            var maanden = Enumerable.Range(0, 12).Select(m =>
            {
                var maand = new DateOnly(2025, 1, 1).AddMonths(m);
                var volume = Math.Round((decimal)(40 + score * (0.6 + rnd.NextDouble() * 0.6)), 0);
                return new MonthAmount(maand.ToString("yyyy-MM"), volume * 62.5m, volume, 80m);
            }).ToList();
            ClusterPicture? cluster = clusterId is null ? null : Cluster(clusterId, id, aanbiederNaam, panden, i);
            var feiten = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{id}|{clienten}|{string.Join(',', codes)}")));
            details.Add(new SignalDetail(signal, indicatoren, afwijkingen, new BaseRate(gepubliceerd, aantal), panden, maanden, cluster, feiten));
        }
        return details;
    }

    private static List<BuildingEvidence> Panden(Random rnd, int i, int aantal) => Enumerable.Range(0, aantal).Select(p =>
    {
        var huisnummer = 1 + (i * 7 + p * 13) % 180;
        var clienten = Enumerable.Range(0, 2 + (i + p) % 6).Select(c =>
        {
            var sinds = new DateOnly(2024, 1, 1).AddDays(rnd.Next(0, 540));
            var tussen = rnd.Next(-20, 120);
            var zorg = sinds.AddDays(tussen);
            return new ClientAtAddress($"P-{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{i}-{p}-{c}")))[..10]}", sinds, zorg, tussen);
        }).ToList();
        var resolutie = (i + p) % 4 == 3 ? "terugval" : (i + p) % 4 == 2 ? "bag_adres" : "bag_id";
        return new BuildingEvidence($"PAND-{(i * 3 + p) % 500:D4}", $"{Straten[(i + p) % Straten.Length]} {huisnummer}", resolutie, p == 0 && i % 3 == 0,
            resolutie == "terugval" ? null : 1 + (i + p) % 4, clienten);
    }).ToList();

    private static ClusterPicture Cluster(string clusterId, string id, string naam, List<BuildingEvidence> panden, int i)
    {
        var knopen = new List<ClusterNode> { new(id, "aanbieder", naam) };
        var verbindingen = new List<ClusterEdge>();
        foreach (var p in panden)
        {
            knopen.Add(new ClusterNode(p.PandKey, "pand", p.Label));
            verbindingen.Add(new ClusterEdge(id, p.PandKey, p.IsVestiging ? "vestiging" : "clienten", p.Clienten.Count));
        }
        for (var k = 1; k <= 2 + i % 3; k++)
        {
            var ander = $"AGB{20000000 + i * 10 + k:D8}";
            knopen.Add(new ClusterNode(ander, "aanbieder", $"{Namen[(i + k) % Namen.Length]} Partner {k}"));
            verbindingen.Add(new ClusterEdge(ander, panden[k % panden.Count].PandKey, "clienten", 1 + k));
            if (k == 1 && i % 5 == 0) verbindingen.Add(new ClusterEdge(id, ander, "bestuurder", 1));
        }
        return new ClusterPicture(clusterId, knopen, verbindingen);
    }
}
