using System.Globalization;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Core.Deliveries;

/// <summary>A data-quality warning about the deliveries, in plain Dutch; recorded with the next risk run and shown on its signals.</summary>
/// <param name="Type">The extract type it is about.</param>
/// <param name="Code"><c>rijen_minder</c>, <c>rijen_meer</c>, <c>te_laat</c>, <c>ontbreekt</c> or <c>quarantaine</c>.</param>
public sealed record DataWarning(string Type, string Code, string Tekst);

/// <summary>One extract type as the data engineer needs to see it.</summary>
/// <param name="VanKracht">The snapshot in force (or the one a run used).</param>
/// <param name="Vorige">The accepted snapshot before it.</param>
/// <param name="RijWijziging">(rows in force − rows before) / rows before; null without a previous snapshot.</param>
/// <param name="LaatsteLevering">The report of the newest delivery of this type, whatever its result.</param>
/// <param name="Quarantaine">The newest quarantined deliveries, newest first.</param>
/// <param name="CadansDagen">Days expected between extracts; 0 = no expectation.</param>
/// <param name="VerwachtUiterlijk">The extract date by which the next extract is due.</param>
/// <param name="DagenTeLaat">Days past <paramref name="VerwachtUiterlijk"/>; 0 when not overdue.</param>
/// <param name="Advies">What to do next, in plain Dutch.</param>
public sealed record DeliveryStatus(
    ExtractType Type,
    SnapshotInfo? VanKracht,
    SnapshotInfo? Vorige,
    double? RijWijziging,
    IngestReport? LaatsteLevering,
    IReadOnlyList<IngestReport> Quarantaine,
    int CadansDagen,
    DateOnly? VerwachtUiterlijk,
    int DagenTeLaat,
    IReadOnlyList<DataWarning> Waarschuwingen,
    IReadOnlyList<string> Advies)
{
    public bool TeLaat => DagenTeLaat > 0;
}

/// <summary>
/// The deliveries per extract type, read from the snapshot catalogue and the ingest reports (never from the extracts
/// themselves): what is in force since when, the last delivery and its result, quarantined files with their reasons
/// and first rejected lines, the change in row count, overdue types, and what to do next.
/// </summary>
public static class DeliveryOverview
{
    /// <summary>Quarantined deliveries shown per type, and rejected lines shown per quarantined delivery.</summary>
    public const int QuarantaineGetoond = 3;
    public const int RegelsGetoond = 5;
    /// <summary>Reports read per type, newest first: enough to find the last quarantined ones.</summary>
    private const int RapportenGelezen = 25;

    private static readonly CultureInfo Nl = CultureInfo.GetCultureInfo("nl-NL");

    public static async Task<IReadOnlyList<DeliveryStatus>> ForStoreAsync(Store store, DeliverySettings settings, DateTimeOffset nu, CancellationToken ct = default)
    {
        var catalog = new SnapshotCatalog(store);
        var result = new List<DeliveryStatus>();
        foreach (var type in ExtractTypes.All)
        {
            var lijst = await catalog.ListAsync(type, ct);
            result.Add(Status(type, lijst, lijst.FirstOrDefault(s => s.Status == SnapshotStatus.Accepted), await RapportenAsync(store, type, ct), settings, nu));
        }
        return result;
    }

    /// <summary>
    /// The warnings a risk run records: the same checks, held against the snapshots the run actually read (a type the
    /// run did not read counts as missing).
    /// </summary>
    public static async Task<IReadOnlyList<DataWarning>> ForRunAsync(Store store, DeliverySettings settings, IReadOnlyList<(string Type, string Sha256)> invoer, DateTimeOffset nu, CancellationToken ct = default)
    {
        var catalog = new SnapshotCatalog(store);
        var result = new List<DataWarning>();
        foreach (var type in ExtractTypes.All)
        {
            var lijst = await catalog.ListAsync(type, ct);
            var gebruikt = invoer.FirstOrDefault(i => i.Type == type.Name()) is { } input ? lijst.FirstOrDefault(s => s.Sha256 == input.Sha256) : null;
            result.AddRange(Status(type, lijst, gebruikt, await RapportenAsync(store, type, ct), settings, nu).Waarschuwingen);
        }
        return result;
    }

    /// <summary>The newest reports of a type, newest first (report names start with the ingest time).</summary>
    private static async Task<IReadOnlyList<IngestReport>> RapportenAsync(Store store, ExtractType type, CancellationToken ct)
    {
        var namen = new List<string>();
        await foreach (var blob in store.Blobs.ListAsync(StoreNames.ReportsContainer, type.Name() + "/", ct))
            if (blob.Name.EndsWith(".json", StringComparison.Ordinal)) namen.Add(blob.Name);
        namen.Sort(StringComparer.Ordinal);
        var rapporten = new List<IngestReport>();
        foreach (var naam in Enumerable.Reverse(namen).Take(RapportenGelezen))
        {
            try { rapporten.Add(IngestReport.FromJson(await store.Blobs.ReadTextAsync(StoreNames.ReportsContainer, naam, ct))); }
            catch (BlobNotFoundException) { } // removed between listing and reading
        }
        return rapporten;
    }

    internal static DeliveryStatus Status(ExtractType type, IReadOnlyList<SnapshotInfo> catalogus, SnapshotInfo? vanKracht,
        IReadOnlyList<IngestReport> rapporten, DeliverySettings settings, DateTimeOffset nu)
    {
        var naam = type.Name();
        var vandaag = DateOnly.FromDateTime(nu.UtcDateTime);
        var geaccepteerd = catalogus.Where(s => s.Status == SnapshotStatus.Accepted).ToList();
        var vorige = vanKracht is null ? null : geaccepteerd.SkipWhile(s => s.Sha256 != vanKracht.Sha256).Skip(1).FirstOrDefault();
        double? wijziging = vanKracht is not null && vorige is { RowsAccepted: > 0 }
            ? (double)(vanKracht.RowsAccepted - vorige.RowsAccepted) / vorige.RowsAccepted
            : null;
        var laatste = rapporten.FirstOrDefault();
        var quarantaine = rapporten.Where(r => r.Status == IngestStatus.Quarantined).Take(QuarantaineGetoond).ToList();
        var cadans = settings.Cadans(type);
        DateOnly? verwacht = cadans > 0 && vanKracht is not null ? DateOnly.FromDateTime(vanKracht.ExtractDate.UtcDateTime).AddDays(cadans) : null;
        var teLaat = verwacht is { } v && vandaag > v ? vandaag.DayNumber - v.DayNumber : 0;

        var waarschuwingen = new List<DataWarning>();
        var advies = new List<string>();
        if (vanKracht is null)
        {
            if (cadans > 0)
            {
                waarschuwingen.Add(new(naam, "ontbreekt", $"{naam}: geen geaccepteerd extract"));
                advies.Add($"Er is geen geaccepteerd extract van {naam}. Lever het aan als extracts/{naam}/{naam}_JJJJMMDD.csv (de datum in de naam is de extractdatum).");
            }
            else
                advies.Add($"Er is geen extract van {naam}; dat hoeft ook niet{(type == ExtractType.BagAdressen ? " (zonder BAG worden adressen op postcode en huisnummer aan panden gekoppeld, minder zeker)" : "")}.");
        }
        if (laatste is { Status: IngestStatus.Quarantined })
        {
            waarschuwingen.Add(new(naam, "quarantaine",
                $"{naam}: de laatste levering ({Bestand(laatste.SourceName)}) staat in quarantaine" + (vanKracht is null ? "" : $"; het extract van {Datum(vanKracht.ExtractDate)} is gebruikt")));
            advies.Add($"De laatste levering {Bestand(laatste.SourceName)} staat in quarantaine: {laatste.Message} " +
                       "Herstel het bestand en lever het opnieuw aan (een nieuwe inhoud wordt opnieuw ingelezen; exact hetzelfde bestand wordt als dubbel herkend)." +
                       (vanKracht is null ? "" : $" Tot dan blijft het extract van {Datum(vanKracht.ExtractDate)} van kracht."));
        }
        if (teLaat > 0)
        {
            waarschuwingen.Add(new(naam, "te_laat", $"{naam} te laat: laatste extract van {Datum(vanKracht!.ExtractDate)}, verwacht uiterlijk {Datum(verwacht!.Value)} ({teLaat} {(teLaat == 1 ? "dag" : "dagen")} te laat)"));
            advies.Add($"Lever een nieuw extract van {naam} aan: het extract in gebruik is van {Datum(vanKracht.ExtractDate)} en er wordt elke {cadans} dagen een verwacht.");
        }
        if (wijziging is { } w && Math.Abs(w) > settings.MaxRijWijziging)
        {
            var procent = Math.Round(Math.Abs(w) * 100).ToString("0", Nl);
            var rijen = $"{vanKracht!.RowsAccepted.ToString("N0", Nl)} rijen, vorige levering {vorige!.RowsAccepted.ToString("N0", Nl)}";
            if (w < 0)
            {
                waarschuwingen.Add(new(naam, "rijen_minder", $"{naam} {procent} % kleiner dan vorige levering ({rijen})"));
                advies.Add($"Het extract van {naam} heeft {procent} % minder rijen dan het vorige ({rijen}). Ga na of het volledig is (periode, filter, afgebroken export). " +
                           "Is het onvolledig, lever dan het volledige extract opnieuw aan; anders draagt de volgende risicorun deze waarschuwing mee en lezen beoordelaars de signalen met die kanttekening.");
            }
            else
            {
                waarschuwingen.Add(new(naam, "rijen_meer", $"{naam} {procent} % groter dan vorige levering ({rijen})"));
                advies.Add($"Het extract van {naam} heeft {procent} % meer rijen dan het vorige ({rijen}). Ga na of er niets dubbel in staat (twee perioden, twee exports samengevoegd).");
            }
        }
        if (vanKracht is { RowsRejected: > 0 } k && laatste?.Status != IngestStatus.Quarantined)
            advies.Add($"{k.RowsRejected.ToString("N0", Nl)} {(k.RowsRejected == 1 ? "rij" : "rijen")} van het extract in gebruik {(k.RowsRejected == 1 ? "is" : "zijn")} afgekeurd; het inleesrapport noemt regel en reden. Herstel ze bij de bron voor de volgende levering.");
        if (advies.Count == 0)
            advies.Add(verwacht is { } vv ? $"Niets te doen. Het volgende extract wordt verwacht uiterlijk {Datum(vv)}." : "Niets te doen.");
        return new DeliveryStatus(type, vanKracht, vorige, wijziging, laatste, quarantaine, cadans, verwacht, teLaat, waarschuwingen, advies);
    }

    public static string Datum(DateOnly d) => d.ToString("d MMMM yyyy", Nl);
    public static string Datum(DateTimeOffset d) => Datum(DateOnly.FromDateTime(d.UtcDateTime));
    private static string Bestand(string bron) => Path.GetFileName(bron.Replace('\\', '/'));
}
