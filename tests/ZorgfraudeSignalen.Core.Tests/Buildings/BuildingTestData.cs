using System.Globalization;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.Core.Tests.Buildings;

/// <summary>Hand-made extracts for building tests, built up fluently.</summary>
internal sealed class BuildingTestData
{
    public static readonly DateOnly Peildatum = new(2025, 6, 1);
    public static readonly DateOnly ZorgStart = new(2025, 1, 1);

    public List<Client> Clienten { get; } = new();
    public List<Aanbieder> Aanbieders { get; } = new();
    public List<Toewijzing> Toewijzingen { get; } = new();
    public List<PgbOvereenkomst> Pgb { get; } = new();
    public List<BagAdres>? Bag { get; set; }

    public BuildingTestData Aanbieder(string id, string? vestiging = null, string[]? bestuurders = null, string[]? rekeningen = null, string? vestigingNid = null)
    {
        Aanbieders.Add(new Aanbieder(id, "Zorg " + id, null, vestiging is null ? null : Adres(vestiging), vestigingNid, null,
            bestuurders ?? [], rekeningen ?? []));
        return this;
    }

    /// <summary>A client at an address written as <c>1234AB 12A-2</c>, in care with a provider from <paramref name="start"/>.</summary>
    public BuildingTestData Client(string id, string adres, string aanbieder, string categorie = "02", DateOnly? start = null,
        int verhuisdDagenVoorZorg = 400, string? nid = null, DateOnly? einde = null)
    {
        var zorgStart = start ?? ZorgStart;
        Clienten.Add(new Client(id, Adres(adres), zorgStart.AddDays(-verhuisdDagenVoorZorg), nid));
        Toewijzingen.Add(new Toewijzing("T-" + id + "-" + aanbieder, id, aanbieder, categorie, null, Leveringsvorm.Zin, null, zorgStart, einde,
            4, "04", "2", null));
        return this;
    }

    /// <summary>Several clients at addresses in one building (toevoeging 1..n).</summary>
    public BuildingTestData Clients(string prefix, int n, string building, string aanbieder, string categorie = "02", int verhuisdDagenVoorZorg = 400)
    {
        for (var i = 1; i <= n; i++) Client($"{prefix}{i}", $"{building}-{i}", aanbieder, categorie, verhuisdDagenVoorZorg: verhuisdDagenVoorZorg);
        return this;
    }

    public BuildingTestData ExtraToewijzing(string client, string aanbieder, string categorie = "02", DateOnly? start = null)
    {
        Toewijzingen.Add(new Toewijzing($"T-{client}-{aanbieder}-{Toewijzingen.Count}", client, aanbieder, categorie, null, Leveringsvorm.Zin, null,
            start ?? ZorgStart, null, 4, "04", "2", null));
        return this;
    }

    public BuildingTestData PgbOvereenkomst(string client, string aanbieder, string? rekening, DateOnly? start = null)
    {
        Pgb.Add(new PgbOvereenkomst($"O-{client}-{aanbieder}-{Pgb.Count}", client, aanbieder, OvereenkomstType.Opdracht, rekening,
            start ?? ZorgStart, null, 50m, 4m));
        return this;
    }

    /// <summary>
    /// Whether to add the background: 50 providers (BG00..BG49) with 40 clients each, every client in a building of its
    /// own (postcodes 8000AA and up). Co-location is judged against what a provider's size predicts, which needs a
    /// population around the case at hand, as a municipality has.
    /// </summary>
    public bool Achtergrond { get; set; } = true;

    public RunInputs Inputs()
    {
        var clienten = Clienten.ToList();
        var aanbieders = Aanbieders.ToList();
        var toewijzingen = Toewijzingen.ToList();
        if (Achtergrond)
        {
            for (var p = 0; p < 50; p++) aanbieders.Add(new Aanbieder($"BG{p:00}", "Achtergrond", null, null, null, null, [], []));
            for (var i = 0; i < 2000; i++)
            {
                var code = 7000 * 676 + i;   // 8000AA, 8000AB, ...
                var postcode = $"{code / 676 + 1000}{(char)('A' + code % 676 / 26)}{(char)('A' + code % 26)}";
                clienten.Add(new Client($"BGC{i:0000}", new Adres(postcode, 1, null, null), new DateOnly(2015, 1, 1), null));
                toewijzingen.Add(new Toewijzing($"BGT{i:0000}", $"BGC{i:0000}", $"BG{i % 50:00}", "02", null, Leveringsvorm.Zin, null, ZorgStart, null, 4, "04", "2", null));
            }
        }
        return new(clienten, aanbieders, toewijzingen, Pgb.ToList(), () => [], Bag?.ToList());
    }

    /// <summary><c>1234AB 12</c>, <c>1234 ab 12A</c>, <c>1234AB 12-2</c>, <c>1234AB 12A-2</c> into an extract address (as ingestion hands it over).</summary>
    public static Adres Adres(string text)
    {
        var parts = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var postcode = parts.Length > 2 ? parts[0] + parts[1] : parts[0];
        var nummer = parts[^1];
        var i = 0;
        while (i < nummer.Length && char.IsAsciiDigit(nummer[i])) i++;
        var rest = nummer[i..];
        string? letter = null, toevoeging = null;
        if (rest.Length > 0 && char.IsAsciiLetter(rest[0])) { letter = rest[..1]; rest = rest[1..]; }
        if (rest.StartsWith('-')) toevoeging = rest[1..];
        return new Adres(postcode, int.Parse(nummer[..i], CultureInfo.InvariantCulture), letter, toevoeging);
    }
}
