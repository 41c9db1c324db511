using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Core.Buildings;

/// <summary>
/// The cluster report of a run: per cluster its providers, buildings, clients per building and provider, links and how
/// every address was resolved. JSON for machines and auditors, text for people. Deterministic: same result, same bytes.
/// </summary>
public static class ClusterReport
{
    public const string JsonName = "clusters.json";
    public const string TextName = "clusters.txt";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private sealed record ReportDto(
        string Peildatum,
        bool MetBag,
        ThresholdsDto Drempels,
        ResolutieOverzicht Resolutie,
        IReadOnlyList<ClusterDto> Clusters);

    private sealed record ThresholdsDto(int MinClientsPerBuilding, int MoveInWindowDays, int MultiProviderMinUnrelatedGroups,
        double MultiProviderMaxDominantShare, int MultiProviderMinClientsOutsideDominant, int MaxProvidersPerSharedAccount, int MaxProvidersPerSharedDirector, IReadOnlyList<string> ExpectedCoLocationCategories, bool CareAddressesExpected);

    private sealed record ClusterDto(string ClusterId, string AnchorPandKey, IReadOnlyList<string> Aanbieders, IReadOnlyList<PandDto> Panden, IReadOnlyList<ClusterLink> Links);

    private sealed record PandDto(string PandKey, string Label, string Resolutie, int? Woningen, IReadOnlyList<string> Rijen, bool IsMeerAanbiedersPand,
        IReadOnlyDictionary<string, int> ClientenPerAanbieder, IReadOnlyDictionary<string, int> VerwachteClientenPerAanbieder,
        IReadOnlyList<string> VestigingVan, IReadOnlyList<AdresDto> Adressen);

    private sealed record AdresDto(string Adres, string Resolutie, string? NummeraanduidingId, int Clienten);

    public static void WriteJson(BuildingAnalysisResult result, Stream stream)
    {
        var o = result.Options;
        var dto = new ReportDto(
            result.Peildatum.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            result.MetBag,
            new ThresholdsDto(o.MinClientsPerBuilding, o.MoveInWindowDays, o.MultiProviderMinUnrelatedGroups, o.MultiProviderMaxDominantShare, o.MultiProviderMinClientsOutsideDominant,
                o.MaxProvidersPerSharedAccount, o.MaxProvidersPerSharedDirector, o.ExpectedCoLocationCategories.Order(StringComparer.Ordinal).ToList(), o.CareAddressesExpected),
            result.Resolutie,
            result.Clusters.Select(c => new ClusterDto(c.ClusterId, c.AnchorPandKey, c.Aanbieders, c.Panden.Select(Pand).ToList(), c.Links)).ToList());
        JsonSerializer.Serialize(stream, dto, Json);
    }

    private static PandDto Pand(PandInfo p) => new(p.PandKey, p.Label, p.Resolutie.Code(), p.Woningen, p.Rijen, p.IsMeerAanbiedersPand,
        p.ClientenPerAanbieder, p.VerwachteClientenPerAanbieder, p.VestigingVan,
        p.Adressen.Select(a => new AdresDto(a.AdresSleutel, a.Resolutie.Code(), a.NummeraanduidingId, a.Clienten)).ToList());

    public static void WriteText(BuildingAnalysisResult result, TextWriter w)
    {
        var r = result.Resolutie;
        w.WriteLine($"Clusterrapport, peildatum {result.Peildatum:yyyy-MM-dd}");
        w.WriteLine(result.MetBag ? "Adressen opgelost met een BAG-extract." : "Geen BAG-extract: pand = reeks opeenvolgende huisnummers (hoogstens 2 uit elkaar) onder één postcode, rij = postcode.");
        w.WriteLine($"Adressen: {r.ViaBagId} via BAG-id, {r.ViaBagAdres} via BAG-adres, {r.Terugval} via terugval, {r.OngeldigAdres} ongeldig.");
        w.WriteLine($"Drempel: een aanbieder met minstens {result.Options.MinClientsPerBuilding} actieve cliënten in één pand is daar samengewoond.");
        w.WriteLine($"{result.Clusters.Count} cluster(s).");
        foreach (var c in result.Clusters)
        {
            w.WriteLine();
            w.WriteLine($"== {c.ClusterId} (ankerpand {c.AnchorPandKey}): {c.Aanbieders.Count} aanbieder(s), {c.Panden.Count} pand(en)");
            w.WriteLine($"   Aanbieders: {string.Join(", ", c.Aanbieders)}");
            foreach (var p in c.Panden)
            {
                var woningen = p.Woningen is int aantal ? $", {aantal} woning(en)" : "";
                var meer = p.IsMeerAanbiedersPand ? ", veel onafhankelijke aanbieders (verwacht)" : "";
                w.WriteLine($"   Pand {p.PandKey} {p.Label} [{p.Resolutie.Code()}{woningen}{meer}], rij(en) {string.Join(" ", p.Rijen)}");
                if (p.VestigingVan.Count > 0) w.WriteLine($"     vestiging van: {string.Join(", ", p.VestigingVan)}");
                foreach (var (a, n) in p.ClientenPerAanbieder) w.WriteLine($"     {a}: {n} cliënt(en)");
                foreach (var (a, n) in p.VerwachteClientenPerAanbieder) w.WriteLine($"     {a}: {n} cliënt(en) woondiensten, beschermd wonen/opvang of op een zorgadres (verwacht)");
                foreach (var adres in p.Adressen)
                    w.WriteLine($"     adres {adres.AdresSleutel}: {adres.Resolutie.Code()}{(adres.NummeraanduidingId is null ? "" : " " + adres.NummeraanduidingId)}, {adres.Clienten} cliënt(en)");
            }
            foreach (var l in c.Links.Where(l => l.Soort is "bestuurder" or "rekening"))
                w.WriteLine($"   {l.Van} — {l.Naar}: gedeelde {l.Soort} {l.Via}");
        }
    }

    /// <summary>Writes both forms to <c>runs/{runId}/clusters.json</c> and <c>runs/{runId}/clusters.txt</c>.</summary>
    public static async Task WriteAsync(IBlobStore store, string runId, BuildingAnalysisResult result, CancellationToken ct = default)
    {
        await store.WriteAsync(StoreNames.RunsContainer, $"{runId}/{JsonName}", s => { WriteJson(result, s); return Task.CompletedTask; }, ct);
        await store.WriteAsync(StoreNames.RunsContainer, $"{runId}/{TextName}", async s =>
        {
            await using var w = new StreamWriter(s, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
            WriteText(result, w);
        }, ct);
    }
}
