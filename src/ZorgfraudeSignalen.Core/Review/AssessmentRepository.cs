using System.Text.Json;
using ZorgfraudeSignalen.Core.Audit;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Core.Review;

/// <summary>What became of a save: stored, refused by the rules, or overtaken by someone else's save.</summary>
public abstract record OpslagResultaat
{
    public sealed record Opgeslagen(Beoordeling Beoordeling, BeoordelingsStap Stap) : OpslagResultaat;
    public sealed record Geweigerd(Weigering Reden, string Melding) : OpslagResultaat;
    /// <summary>Someone saved first; <see cref="Huidig"/> is what they saved, so that the second person can reconsider.</summary>
    public sealed record Conflict(Beoordeling Huidig, string Melding) : OpslagResultaat;
}

/// <summary>One run's outcome for a provider in the across-runs index: enough to mark a re-flag, no rationale.</summary>
public sealed record HistorieRegel(string RunId, string Status, string FeitenHash, DateOnly? VerlooptOp, DateTimeOffset Op, string DoorNaam);

/// <summary>
/// Assessments on the table store. The review state of a provider's signal in a run is one record in the
/// assessments table (partition = run id, row = provider id) written with ETag optimistic concurrency; every change
/// is appended to the audit log. A second, small index (partition <see cref="HistoriePartition"/>, one row per provider)
/// lists each run's outcome so that the risk list can mark re-flags without reading every earlier run; it is
/// refreshed on every change and the per-run records stay the authority (<see cref="HistorieVanAsync"/>).
/// </summary>
public sealed class AssessmentRepository(Store store, AuditLog audit, TimeProvider? clock = null)
{
    public const string HistoriePartition = "aanbieder-historie";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public DateTimeOffset Nu => _clock.GetUtcNow();

    public async Task<(Beoordeling? Beoordeling, string? ETag)> GetAsync(string runId, string aanbiederId, CancellationToken ct = default)
    {
        var record = await store.Tables.GetAsync(StoreNames.AssessmentsTable, runId, Key(aanbiederId), ct);
        return record is null ? (null, null) : (Deserialize(record), record.ETag);
    }

    /// <summary>Every assessed signal of a run, by provider id.</summary>
    public async Task<IReadOnlyDictionary<string, Beoordeling>> VanRunAsync(string runId, CancellationToken ct = default)
    {
        var result = new Dictionary<string, Beoordeling>(StringComparer.Ordinal);
        await foreach (var record in store.Tables.QueryAsync(StoreNames.AssessmentsTable, runId, ct))
        {
            var beoordeling = Deserialize(record);
            result[beoordeling.AanbiederId] = beoordeling;
        }
        return result;
    }

    /// <summary>The across-runs index: per provider, each run's latest outcome, oldest run first.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<HistorieRegel>>> HistorieAsync(CancellationToken ct = default)
    {
        var result = new Dictionary<string, IReadOnlyList<HistorieRegel>>(StringComparer.Ordinal);
        await foreach (var record in store.Tables.QueryAsync(StoreNames.AssessmentsTable, HistoriePartition, ct))
            result[Uri.UnescapeDataString(record.RowKey)] = JsonSerializer.Deserialize<List<HistorieRegel>>(record.Json, Json)!;
        return result;
    }

    /// <summary>A provider's assessments in the given runs, read from the per-run records (the authority).</summary>
    public async Task<IReadOnlyList<Beoordeling>> HistorieVanAsync(string aanbiederId, IEnumerable<string> runIds, CancellationToken ct = default)
    {
        var result = new List<Beoordeling>();
        foreach (var runId in runIds)
            if ((await GetAsync(runId, aanbiederId, ct)).Beoordeling is { } b) result.Add(b);
        return result;
    }

    /// <summary>
    /// Applies an action to a signal if the caller saw the current version. The state machine decides; the store's
    /// ETag makes two saves at the same moment end in one success and one <see cref="OpslagResultaat.Conflict"/>.
    /// </summary>
    public async Task<OpslagResultaat> PasToeAsync(Signal signal, string feitenHash, BeoordelingsActie actie, Reviewer wie, int geziendeVersie, CancellationToken ct = default)
    {
        var (bestaand, etag) = await GetAsync(signal.RunId, signal.AanbiederId, ct);
        var huidig = bestaand ?? Beoordeling.Nieuw(signal.RunId, signal.AanbiederId, feitenHash, signal.Status);
        if (huidig.Versie != geziendeVersie)
            return new OpslagResultaat.Conflict(huidig, ConflictMelding(huidig));

        var overgang = ReviewStateMachine.Pas(huidig, actie, wie, Nu);
        if (!overgang.Toegestaan)
            return new OpslagResultaat.Geweigerd(overgang.Weigering!.Value, overgang.Melding!);
        var nieuw = overgang.Nieuw!;
        var stap = overgang.Stap!;

        var record = new TableRecord(signal.RunId, Key(signal.AanbiederId), JsonSerializer.Serialize(nieuw, Json));
        try
        {
            if (etag is null) await store.Tables.InsertAsync(StoreNames.AssessmentsTable, record, ct);
            else await store.Tables.ReplaceAsync(StoreNames.AssessmentsTable, record, etag, ct);
        }
        catch (TableConflictException)
        {
            var (winnaar, _) = await GetAsync(signal.RunId, signal.AanbiederId, ct);
            return new OpslagResultaat.Conflict(winnaar ?? huidig, ConflictMelding(winnaar ?? huidig));
        }

        // The state is committed; now the audit entry and the index. Each step carries its number, so an auditor can
        // match every step to its audit entry (action, run, provider, step) and see a gap should the process die here.
        var details = new Dictionary<string, string>
        {
            ["handeling"] = actie.Soort,
            ["run"] = signal.RunId,
            ["aanbieder"] = signal.AanbiederId,
            ["stap"] = stap.Nummer.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["van"] = stap.Van,
            ["naar"] = stap.Naar,
            ["rol"] = stap.Rol,
            ["motivering_sha256"] = ContentHash.Sha256(stap.Motivering),
            ["verloopt_op"] = stap.VerlooptOp?.ToString("yyyy-MM-dd") ?? "",
            ["feiten_hash"] = nieuw.FeitenHash,
        };
        // The notice procedure's facts: dates and references as they are, texts only as their hash.
        if (stap.Datum is { } datum) details["datum"] = datum.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        if (stap.ReactieUiterlijk is { } uiterlijk) details["reactie_uiterlijk"] = uiterlijk.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        if (stap.Tekst is { } tekst) details["tekst_sha256"] = ContentHash.Sha256(tekst);
        if (stap.Document is { } document) details["document_sha256"] = ContentHash.Sha256(document);
        if (stap.VerwijstNaarStap is { } verwijst) details["verwijst_naar_stap"] = verwijst.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (stap.Besluit is { } besluit) details["besluit"] = besluit;
        if (stap.Weging is { } weging) details["weging_sha256"] = ContentHash.Sha256(weging);
        await audit.AppendAsync(new AuditEvent(AuditActie(actie), wie.Id, Subject(signal.RunId, signal.AanbiederId), details), ct);
        await WerkHistorieBijAsync(nieuw, stap, ct);
        return new OpslagResultaat.Opgeslagen(nieuw, stap);
    }

    /// <summary>Records that a person looked at client-level evidence (pseudonyms, addresses' buildings, dates).</summary>
    public Task LogBewijsBekekenAsync(string runId, string aanbiederId, Reviewer wie, string kanaal, CancellationToken ct = default) =>
        audit.AppendAsync(new AuditEvent(AuditActions.Inzage, wie.Id, Subject(runId, aanbiederId), new Dictionary<string, string>
        {
            ["run"] = runId,
            ["aanbieder"] = aanbiederId,
            ["kanaal"] = kanaal,
        }), ct);

    /// <summary>Records that a person exported a risk list with statuses.</summary>
    public Task LogExportAsync(string runId, Reviewer wie, int regels, CancellationToken ct = default) =>
        audit.AppendAsync(new AuditEvent(AuditActions.Export, wie.Id, $"risicolijst/{runId}", new Dictionary<string, string>
        {
            ["run"] = runId,
            ["regels"] = regels.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }), ct);

    private async Task WerkHistorieBijAsync(Beoordeling nieuw, BeoordelingsStap stap, CancellationToken ct)
    {
        var regel = new HistorieRegel(nieuw.RunId, nieuw.Status, nieuw.FeitenHash, nieuw.VerlooptOp, stap.Op, stap.DoorNaam);
        for (var poging = 0; ; poging++)
        {
            var bestaand = await store.Tables.GetAsync(StoreNames.AssessmentsTable, HistoriePartition, Key(nieuw.AanbiederId), ct);
            var regels = bestaand is null ? [] : JsonSerializer.Deserialize<List<HistorieRegel>>(bestaand.Json, Json)!;
            regels.RemoveAll(r => r.RunId == nieuw.RunId);
            regels.Add(regel);
            regels.Sort((a, b) => string.CompareOrdinal(a.RunId, b.RunId));
            var record = new TableRecord(HistoriePartition, Key(nieuw.AanbiederId), JsonSerializer.Serialize(regels, Json));
            try
            {
                if (bestaand is null) await store.Tables.InsertAsync(StoreNames.AssessmentsTable, record, ct);
                else await store.Tables.ReplaceAsync(StoreNames.AssessmentsTable, record, bestaand.ETag!, ct);
                return;
            }
            catch (TableConflictException) when (poging < 20)
            {
                // another run's assessment of the same provider was saved at the same moment: merge again
            }
        }
    }

    private static string ConflictMelding(Beoordeling huidig) => huidig.LaatsteStap is { } s
        ? $"Iemand anders heeft dit signaal intussen bijgewerkt: {s.DoorNaam} ({Rol.Omschrijving(s.Rol)}) zette het op {s.Op:dd-MM-yyyy HH:mm} UTC op '{StatusTekst.Kort(s.Naar)}'. " +
          "Uw invoer is niet opgeslagen maar staat hieronder nog; lees de nieuwe stand en beslis opnieuw."
        : "Iemand anders heeft dit signaal intussen bijgewerkt. Uw invoer is niet opgeslagen maar staat hieronder nog; lees de nieuwe stand en beslis opnieuw.";

    /// <summary>First reviewers' steps (assess, propose, reopen) and the notice procedure's steps are <c>beoordeling</c>; second reviewers' confirmations are <c>bevestiging</c>; the detail <c>handeling</c> tells which.</summary>
    private static string AuditActie(BeoordelingsActie actie) =>
        actie is BevestigEscalatie or WijsEscalatieAf ? AuditActions.Bevestiging : AuditActions.Beoordeling;

    public static string Subject(string runId, string aanbiederId) => $"signaal/{runId}/{aanbiederId}";

    private static Beoordeling Deserialize(TableRecord record) => JsonSerializer.Deserialize<Beoordeling>(record.Json, Json)!;

    private static string Key(string aanbiederId) => Uri.EscapeDataString(aanbiederId);

}
