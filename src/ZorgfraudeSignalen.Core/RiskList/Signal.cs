namespace ZorgfraudeSignalen.Core.RiskList;

/// <summary>
/// One row of a published risk list: a signal about a provider, never a verdict about a person.
/// The fields are those of <c>risicolijst.csv</c> in the output contract.
/// </summary>
public sealed record Signal(
    int Rang,
    string AanbiederId,
    string AanbiederNaam,
    double Risicoscore,
    IReadOnlyList<string> Signalen,
    double Anomaliescore,
    string Toelichting,
    string? ClusterId,
    string Status,
    string RunId,
    /// <summary>Why the provider is on the list when it is there through the exploration sample (docs/leren.md); null otherwise.</summary>
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    string? Steekproef = null,
    /// <summary>The provider is a natural person by <see cref="RiskList.NaturalPerson"/>; written only when true.</summary>
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    bool NatuurlijkPersoon = false);

/// <summary>The review statuses a signal moves through; only a person's assessment moves it past <see cref="TeBeoordelen"/>.</summary>
public static class ReviewStatus
{
    public const string NietGepubliceerd = "niet_gepubliceerd";
    public const string TeBeoordelen = "te_beoordelen";
    public const string GeenAanwijzing = "geen_aanwijzing";
    /// <summary>An escalation recorded by a first reviewer, waiting for a second, different reviewer.</summary>
    public const string NaderOnderzoekVoorgesteld = "nader_onderzoek_voorgesteld";
    public const string NaderOnderzoek = "nader_onderzoek";
    public const string BuitenBeschouwing = "buiten_beschouwing";
    /// <summary>After <see cref="NaderOnderzoek"/>: the provider has been told and may respond until a date (Core/Review/Kennisgeving.cs).</summary>
    public const string KennisgevingVerstuurd = "kennisgeving_verstuurd";
    public const string ZienswijzeOntvangen = "zienswijze_ontvangen";
    /// <summary>A closing decision that weighs the provider's response (or its absence after the period) is recorded.</summary>
    public const string Afgesloten = "afgesloten";
}
