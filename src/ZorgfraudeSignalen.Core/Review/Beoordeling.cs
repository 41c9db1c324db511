using System.Text.Json.Serialization;
using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.Core.Review;

/// <summary>
/// The review state of one provider's signal in one run, with every step that led to it. Its version is the number of
/// steps, which is what a form or API call says it saw; a save against an older version is a conflict.
/// </summary>
public sealed record Beoordeling(string RunId, string AanbiederId, string Status, string FeitenHash, IReadOnlyList<BeoordelingsStap> Stappen)
{
    [JsonIgnore]
    public int Versie => Stappen.Count;

    /// <summary>The state of a signal nobody has assessed yet.</summary>
    public static Beoordeling Nieuw(string runId, string aanbiederId, string feitenHash, string gepubliceerdeStatus = ReviewStatus.TeBeoordelen) =>
        new(runId, aanbiederId, gepubliceerdeStatus, feitenHash, []);

    [JsonIgnore]
    public BeoordelingsStap? LaatsteStap => Stappen.Count == 0 ? null : Stappen[^1];

    /// <summary>Until when a <c>buiten_beschouwing</c> holds (inclusive).</summary>
    [JsonIgnore]
    public DateOnly? VerlooptOp => Status == ReviewStatus.BuitenBeschouwing ? LaatsteStap?.VerlooptOp : null;

    /// <summary>The step that proposed the escalation now waiting for a second reviewer.</summary>
    [JsonIgnore]
    public BeoordelingsStap? OpenVoorstel => Status == ReviewStatus.NaderOnderzoekVoorgesteld ? LaatsteStap : null;

    /// <summary>The step that recorded the notice to the provider, once sent.</summary>
    [JsonIgnore]
    public BeoordelingsStap? Kennisgeving => Stappen.LastOrDefault(s => s.Actie == BeoordelingsActie.Kennisgeven);

    /// <summary>The step that recorded the provider's response, once received.</summary>
    [JsonIgnore]
    public BeoordelingsStap? Zienswijze => Stappen.LastOrDefault(s => s.Actie == BeoordelingsActie.ZienswijzeVastleggen);

    /// <summary>The last day the provider may respond (inclusive), while a notice is out and no decision is taken.</summary>
    [JsonIgnore]
    public DateOnly? ReactieUiterlijk => Status is ReviewStatus.KennisgevingVerstuurd or ReviewStatus.ZienswijzeOntvangen ? Kennisgeving?.ReactieUiterlijk : null;

    /// <summary>True when the response period has ended without a recorded response.</summary>
    public bool TermijnVerstreken(DateOnly vandaag) =>
        Status == ReviewStatus.KennisgevingVerstuurd && ReactieUiterlijk is { } tot && vandaag > tot;

    /// <summary>The status as of a day: a <c>buiten_beschouwing</c> whose expiry date has passed is to be assessed again.</summary>
    public string StatusOp(DateOnly vandaag) =>
        Status == ReviewStatus.BuitenBeschouwing && VerlooptOp is { } tot && tot < vandaag ? ReviewStatus.TeBeoordelen : Status;
}

/// <summary>One recorded judgement: who, in which role, when, what, why. Never changed after it is written.</summary>
/// <param name="Nummer">1 for the first step; equals the version after the step.</param>
/// <param name="Actie">One of <see cref="BeoordelingsActie"/>'s kinds: beoordelen, bevestigen, afwijzen, heropenen, kennisgeven, zienswijze, besluiten.</param>
/// <param name="Datum">Kennisgeven: the day the notice was sent; zienswijze: the day the response was received.</param>
/// <param name="ReactieUiterlijk">Kennisgeven: the last day of the response period.</param>
/// <param name="Tekst">Kennisgeven: the notice as sent; zienswijze: the response (or a summary of an oral one).</param>
/// <param name="Document">Zienswijze: a reference to the response document in the case file.</param>
/// <param name="VerwijstNaarStap">Besluiten: the number of the response step the decision weighs; null when none came within the period.</param>
/// <param name="Besluit">Besluiten: <c>geen_maatregel</c> or <c>maatregel</c>.</param>
/// <param name="Weging">Besluiten: how the response (or its absence) was weighed.</param>
public sealed record BeoordelingsStap(
    int Nummer,
    string Actie,
    string Van,
    string Naar,
    string Motivering,
    string DoorId,
    string DoorNaam,
    string Rol,
    DateTimeOffset Op,
    DateOnly? VerlooptOp = null,
    // The notice and response procedure (Kennisgeving.cs); null on the assessment steps.
    DateOnly? Datum = null,
    DateOnly? ReactieUiterlijk = null,
    string? Tekst = null,
    string? Document = null,
    int? VerwijstNaarStap = null,
    string? Besluit = null,
    string? Weging = null);

/// <summary>What a person asks to do with a signal. Every action carries a rationale.</summary>
public abstract record BeoordelingsActie(string Motivering)
{
    public const string Beoordelen = "beoordelen";
    public const string Bevestigen = "bevestigen";
    public const string Afwijzen = "afwijzen";
    public const string Heropenen = "heropenen";
    public const string Kennisgeven = "kennisgeven";
    public const string ZienswijzeVastleggen = "zienswijze";
    public const string Besluiten = "besluiten";

    public abstract string Soort { get; }
}

/// <summary>A first reviewer's outcome: <c>geen_aanwijzing</c>, <c>buiten_beschouwing</c> (with an expiry date) or <c>nader_onderzoek</c> (a proposal).</summary>
public sealed record Beoordeel(string Uitkomst, string Motivering, DateOnly? VerlooptOp = null) : BeoordelingsActie(Motivering)
{
    public override string Soort => Beoordelen;
}

/// <summary>A second reviewer confirms a proposed escalation: only now does the signal reach <c>nader_onderzoek</c>.</summary>
public sealed record BevestigEscalatie(string Motivering) : BeoordelingsActie(Motivering)
{
    public override string Soort => Bevestigen;
}

/// <summary>A second reviewer rejects a proposed escalation: the signal goes back to <c>te_beoordelen</c>.</summary>
public sealed record WijsEscalatieAf(string Motivering) : BeoordelingsActie(Motivering)
{
    public override string Soort => Afwijzen;
}

/// <summary>A reviewer reopens a <c>geen_aanwijzing</c> or <c>buiten_beschouwing</c>, e.g. after new information.</summary>
public sealed record Heropen(string Motivering) : BeoordelingsActie(Motivering)
{
    public override string Soort => Heropenen;
}

/// <summary>The outcomes a first reviewer may choose.</summary>
public static class Uitkomst
{
    public const string GeenAanwijzing = ReviewStatus.GeenAanwijzing;
    public const string BuitenBeschouwing = ReviewStatus.BuitenBeschouwing;
    /// <summary>Asked for by the first reviewer; recorded as <see cref="ReviewStatus.NaderOnderzoekVoorgesteld"/>.</summary>
    public const string NaderOnderzoek = ReviewStatus.NaderOnderzoek;

    public static readonly IReadOnlyList<string> Alle = [GeenAanwijzing, NaderOnderzoek, BuitenBeschouwing];
}
