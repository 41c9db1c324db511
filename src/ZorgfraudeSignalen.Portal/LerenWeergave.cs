using ZorgfraudeSignalen.Core.Learning;
using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.Portal;

/// <summary>
/// What the learning from assessments shows in the portal (docs/leren.md): the steekproef mark, with the reason the
/// provider is on the list, and the provider's earlier assessments with what the system learns from each.
/// </summary>
public static class LerenWeergave
{
    /// <summary>A mark in the risk list's row of a signal drawn in the exploration sample.</summary>
    public static Html SteekproefMerk(Signal s) => s.Steekproef is null
        ? Html.Leeg
        : Html.H($"<span class=\"code steekproef\" title=\"{s.Steekproef}\">steekproef</span>");

    /// <summary>On the signal's page: why a sampled provider is on the list.</summary>
    public static Html Steekproef(SignalDetail d) => d.Signal.Steekproef is not { } reden
        ? Html.Leeg
        : Html.H($"<p class=\"melding steekproef\" role=\"note\"><b>Steekproef.</b> {reden}</p>");

    /// <summary>The provider's assessments in earlier runs: date, outcome, rationale, and whether the system learns from it.</summary>
    public static Html EerdereBeoordelingen(IReadOnlyList<Beoordeling> eerdere)
    {
        var afgerond = eerdere.Where(b => b.LaatsteStap is not null).OrderByDescending(b => b.LaatsteStap!.Op).ToList();
        if (afgerond.Count == 0)
            return Html.H($"<section class=\"kaart\" id=\"eerdere-beoordelingen\"><h2>Eerdere beoordelingen</h2><p>Deze aanbieder is niet eerder beoordeeld.</p></section>");
        var rijen = afgerond.Select(b =>
        {
            var laatste = b.LaatsteStap!;
            return Html.H($"""
                <tr><td>{Weergave.Datum(DateOnly.FromDateTime(laatste.Op.UtcDateTime))}</td><td>{Weergave.Status(b.Status)}<div class="sub">run {b.RunId}</div></td>
                <td>{laatste.Motivering}<div class="sub">{laatste.DoorNaam}</div></td><td>{Leert(b)}</td></tr>
                """);
        });
        return Html.H($"""
            <section class="kaart" id="eerdere-beoordelingen"><h2>Eerdere beoordelingen</h2>
            <p class="sub">Wat collega's eerder over deze aanbieder vastlegden. Een bevestigd nader onderzoek en geen aanwijzing zijn voorbeelden waarvan het systeem leert; een aanbieder met geen aanwijzing komt een tijd niet terug op de lijst, tenzij zijn feiten wezenlijk veranderden.</p>
            <table class="tabel"><thead><tr><th>Datum</th><th>Uitkomst</th><th>Motivering</th><th>Het systeem leert</th></tr></thead><tbody>{rijen}</tbody></table></section>
            """);
    }

    /// <summary>The label rule of Core (<see cref="LabelRules.Outcome(Beoordeling)"/>), told in words.</summary>
    private static string Leert(Beoordeling b) => LabelRules.Outcome(b) switch
    {
        true when LabelRules.OpenCaseStatuses.Contains(b.Status) => "positief voorbeeld (bevestigd door een tweede beoordelaar); zolang het onderzoek loopt komt de aanbieder niet opnieuw op de lijst",
        true => "positief voorbeeld (bevestigd door een tweede beoordelaar)",
        false => "negatief voorbeeld",
        null when b.Status == ReviewStatus.Afgesloten => "niets (besluit geen maatregel na de zienswijze: geen bevestiging, ook geen geen aanwijzing)",
        null when b.Status == ReviewStatus.BuitenBeschouwing => "niets (buiten beschouwing is geen oordeel)",
        _ => "nog niets (niet afgerond)",
    };
}
