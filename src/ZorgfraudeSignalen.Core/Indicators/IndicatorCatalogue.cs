using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.Core.Indicators;

/// <summary>
/// One indicator: a transparent rule about a provider that a reviewer can check by hand.
/// </summary>
/// <param name="Code">Stable code, shown in the risk list's <c>signalen</c> column.</param>
/// <param name="Naam">Dutch name.</param>
/// <param name="Definitie">What is measured, in plain Dutch.</param>
/// <param name="Gegevens">The extracts and fields it needs.</param>
/// <param name="Drempels">Its configurable thresholds (properties of <see cref="IndicatorThresholds"/>).</param>
/// <param name="Gewicht">Its weight in the combined risicoscore (docs/indicatoren.md).</param>
public sealed record IndicatorDefinition(
    string Code,
    string Naam,
    string Definitie,
    string Gegevens,
    IReadOnlyList<string> Drempels,
    double Gewicht,
    Func<ProviderFacts, IndicatorThresholds, IndicatorFinding> Evaluate);

/// <summary>The indicator catalogue. docs/indicatoren.md is generated from it (a test keeps the two equal).</summary>
public static class IndicatorCatalogue
{
    public static readonly IReadOnlyList<IndicatorDefinition> All =
    [
        new("COLOC_PAND", "Cliënten wonen in het pand van de aanbieder",
            "Aandeel van de actieve cliënten (buiten beschermd wonen en opvang, categorie 15-18) dat woont in het pand van de vestiging van de aanbieder (BAG-pand, of postcode + huisnummer zonder BAG).",
            "clienten (adres), aanbieders (vestigingsadres), toewijzingen en pgb_overeenkomsten (actief op de peildatum), bag_adressen (optioneel)",
            [nameof(IndicatorThresholds.AandeelInPand), nameof(IndicatorThresholds.MinimumInPand), nameof(IndicatorThresholds.MinimumClienten)],
            0.40,
            (f, t) => Finding("COLOC_PAND", f.Aandeel(f.InPand), t.AandeelInPand,
                f.Clienten >= t.MinimumClienten && f.InPand >= t.MinimumInPand && f.Aandeel(f.InPand) >= t.AandeelInPand,
                $"{f.InPand} van de {f.Clienten} cliënten wonen in het pand van de vestiging ({f.VestigingLabel ?? "onbekend adres"}).")),

        new("COLOC_RIJ", "Cliënten wonen in de straat van de aanbieder",
            "Aandeel van de actieve cliënten dat woont in het rijtje panden van de vestiging (dezelfde zescijferige postcode), het eigen pand meegeteld.",
            "clienten (postcode), aanbieders (vestigingspostcode), toewijzingen en pgb_overeenkomsten",
            [nameof(IndicatorThresholds.AandeelInRij), nameof(IndicatorThresholds.MinimumInRij), nameof(IndicatorThresholds.MinimumClienten)],
            0.20,
            (f, t) => Finding("COLOC_RIJ", f.Aandeel(f.InRij), t.AandeelInRij,
                f.Clienten >= t.MinimumClienten && f.InRij >= t.MinimumInRij && f.Aandeel(f.InRij) >= t.AandeelInRij,
                $"{f.InRij} van de {f.Clienten} cliënten wonen in het rijtje panden van de vestiging (postcode {f.VestigingRij ?? "onbekend"}).")),

        new("VERHUIS_START", "Verhuizing kort voor de start van de zorg",
            "Aandeel van de actieve cliënten dat minder dan het ingestelde aantal dagen vóór de start van de zorg verhuisde naar een pand waar ook andere cliënten van de aanbieder wonen (of naar het pand van de vestiging).",
            "clienten (adres, adres_sinds), toewijzingen en pgb_overeenkomsten (ingangsdatum), aanbieders (vestigingsadres)",
            [nameof(IndicatorThresholds.DagenVoorStart), nameof(IndicatorThresholds.AandeelVerhuisdKort), nameof(IndicatorThresholds.MinimumVerhuisdKort), nameof(IndicatorThresholds.MinimumClienten)],
            0.40,
            (f, t) => Finding("VERHUIS_START", f.Aandeel(f.VerhuisdKort), t.AandeelVerhuisdKort,
                f.Clienten >= t.MinimumClienten && f.VerhuisdKort >= t.MinimumVerhuisdKort && f.Aandeel(f.VerhuisdKort) >= t.AandeelVerhuisdKort,
                $"{f.VerhuisdKort} van de {f.Clienten} cliënten verhuisden minder dan {t.DagenVoorStart} dagen voor de start van de zorg naar een pand waar ook andere cliënten van deze aanbieder wonen.")),

        new("MAX_DECL", "Steeds het toegewezen maximum gedeclareerd",
            "Aandeel van de cliëntmaanden (twaalf maanden tot de peildatum) waarin het gedeclareerde volume het toegewezen maximum voor die maand bereikt (binnen de marge); bij pgb het maandbudget.",
            "declaraties (volume, bedrag, periode), toewijzingen (volume, eenheid, frequentie, periode)",
            [nameof(IndicatorThresholds.MaximumMarge), nameof(IndicatorThresholds.AandeelMaandenOpMaximum), nameof(IndicatorThresholds.MinimumClienten)],
            0.30,
            (f, t) =>
            {
                var share = f.MaandenMetMaximum == 0 ? 0 : (double)f.MaandenOpMaximum / f.MaandenMetMaximum;
                return Finding("MAX_DECL", share, t.AandeelMaandenOpMaximum,
                    f.MaandenMetMaximum >= t.MinimumClienten * 3 && share >= t.AandeelMaandenOpMaximum,
                    $"In {f.MaandenOpMaximum} van de {f.MaandenMetMaximum} cliëntmaanden ({Nl.Procent(share)}) is het toegewezen maximum gedeclareerd.");
            }),

        new("GELIJK_BEDRAG", "Maand na maand hetzelfde bedrag",
            "Aandeel van de cliënten (met declaraties in ten minste het ingestelde aantal maanden) voor wie elke maand exact hetzelfde bedrag is gedeclareerd.",
            "declaraties (bedrag, periode)",
            [nameof(IndicatorThresholds.AandeelGelijkeBedragen), nameof(IndicatorThresholds.MinimumMaanden), nameof(IndicatorThresholds.MinimumClienten)],
            0.15,
            (f, t) =>
            {
                var share = f.ClientenMetReeks == 0 ? 0 : (double)f.ClientenGelijkBedrag / f.ClientenMetReeks;
                return Finding("GELIJK_BEDRAG", share, t.AandeelGelijkeBedragen,
                    f.ClientenMetReeks >= t.MinimumClienten && share >= t.AandeelGelijkeBedragen,
                    $"Voor {f.ClientenGelijkBedrag} van de {f.ClientenMetReeks} cliënten is elke maand exact hetzelfde bedrag gedeclareerd.");
            }),

        new("PGB_TARIEF", "Pgb-uurtarief ver boven het gebruikelijke",
            "Mediane uurtarief van de actieve pgb-zorgovereenkomsten van de aanbieder, als veelvoud van de mediaan voor hetzelfde soort overeenkomst en dezelfde productcategorie.",
            "pgb_overeenkomsten (overeenkomst_type, uurtarief), toewijzingen (productcategorie van de pgb-toewijzing)",
            [nameof(IndicatorThresholds.TariefFactor)],
            0.45,
            (f, t) => Finding("PGB_TARIEF", f.PgbTariefFactor ?? 0, t.TariefFactor,
                f.PgbTariefFactor >= t.TariefFactor,
                f.PgbMediaanTarief is { } rate
                    ? $"Het mediane pgb-uurtarief is {Nl.Euro((decimal)rate)}, {Nl.Getal(f.PgbTariefFactor ?? 0)} keer de mediaan voor {f.PgbReferentie}."
                    : "Geen actieve pgb-zorgovereenkomsten.")),

        new("BUITEN_TOEW", "Declaraties buiten een toewijzing",
            "Aandeel van het gedeclareerde bedrag (twaalf maanden tot de peildatum) zonder passende toewijzing of zorgovereenkomst: onbekend, van een andere cliënt of aanbieder, of buiten de looptijd.",
            "declaraties, toewijzingen, pgb_overeenkomsten",
            [nameof(IndicatorThresholds.AandeelBuitenToewijzing)],
            0.35,
            (f, t) =>
            {
                var share = f.BedragTotaal <= 0 ? 0 : (double)(f.BedragBuitenToewijzing / f.BedragTotaal);
                return Finding("BUITEN_TOEW", share, t.AandeelBuitenToewijzing,
                    f.DeclaratiesBuitenToewijzing > 0 && share >= t.AandeelBuitenToewijzing,
                    $"{f.DeclaratiesBuitenToewijzing} declaraties ({Nl.Euro(f.BedragBuitenToewijzing)}, {Nl.Procent(share)} van {Nl.Euro(f.BedragTotaal)}) vallen buiten een toewijzing of zorgovereenkomst.");
            }),

        new("GROEI", "Snelle groei van het aantal cliënten",
            "Aandeel nieuwe cliënten (zorg gestart in de twaalf maanden tot de peildatum) onder de actieve cliënten; voor een aanbieder die kort geleden bij de KvK is ingeschreven telt alleen het minimum aantal nieuwe cliënten.",
            "toewijzingen en pgb_overeenkomsten (ingangsdatum), aanbieders (kvk_inschrijving)",
            [nameof(IndicatorThresholds.AandeelNieuweClienten), nameof(IndicatorThresholds.MinimumNieuweClienten), nameof(IndicatorThresholds.RecentIngeschrevenMaanden)],
            0.12,
            (f, t) =>
            {
                var share = f.AandeelNieuw;
                var recent = f.MaandenIngeschreven is { } months && months < t.RecentIngeschrevenMaanden;
                return Finding("GROEI", share, t.AandeelNieuweClienten,
                    f.NieuweClienten >= t.MinimumNieuweClienten && (recent || share >= t.AandeelNieuweClienten),
                    $"{f.NieuweClienten} van de {f.AlleClienten} cliënten zijn in het afgelopen jaar begonnen (een jaar eerder {f.ClientenJaarEerder} cliënten)"
                    + (f.KvkInschrijving is { } k ? $"; ingeschreven bij de KvK op {Nl.Datum(k)}." : "."));
            }),

        new("VERBONDEN", "Verbonden met andere aanbieders",
            "Aantal andere aanbieders met dezelfde bestuurder of hetzelfde bankrekeningnummer.",
            "aanbieders (bestuurder_ids, rekening_ids) via de gebouwenanalyse (een rekening van meer dan 10 aanbieders of een bestuurder van meer dan 25 telt niet)",
            [nameof(IndicatorThresholds.MinimumVerbonden)],
            0.10,
            (f, t) => Finding("VERBONDEN", f.VerbondenAanbieders.Count, t.MinimumVerbonden,
                f.VerbondenAanbieders.Count >= t.MinimumVerbonden,
                $"Verbonden met {f.VerbondenAanbieders.Count} andere aanbieder(s) ({string.Join(", ", f.VerbondenAanbieders.Take(5))})"
                + $"; {f.ViaBestuurder} via een gedeelde bestuurder, {f.ViaRekening} via een gedeelde rekening"
                + (f.ClientenVerbondenInZelfdePanden > 0 ? $"; {f.ClientenVerbondenInZelfdePanden} cliënten van die aanbieders wonen in dezelfde panden als cliënten van deze aanbieder." : "."))),

        new("VEEL_BUDGETHOUDERS", "Eén zorgverlener voor veel budgethouders",
            "Aantal budgethouders met een actieve pgb-zorgovereenkomst (geen instelling) bij deze zorgverlener, of het totaal aantal overeengekomen uren per week.",
            "pgb_overeenkomsten (client_id, overeenkomst_type, uren_per_week)",
            [nameof(IndicatorThresholds.MinimumBudgethouders), nameof(IndicatorThresholds.MaximumUrenPerWeek)],
            0.45,
            (f, t) => Finding("VEEL_BUDGETHOUDERS", f.Budgethouders, t.MinimumBudgethouders,
                f.Budgethouders >= t.MinimumBudgethouders || f.UrenPerWeek > t.MaximumUrenPerWeek,
                $"Zorgverlener voor {f.Budgethouders} budgethouders, samen {Nl.Getal(f.UrenPerWeek)} uur per week.")),
    ];

    public static IndicatorDefinition Get(string code) => All.Single(i => i.Code == code);

    public static IReadOnlyList<IndicatorFinding> Evaluate(ProviderFacts facts, IndicatorThresholds thresholds) =>
        All.Select(i => i.Evaluate(facts, thresholds)).ToList();

    private static IndicatorFinding Finding(string code, double value, double threshold, bool fired, string facts) =>
        new(code, All?.FirstOrDefault(i => i.Code == code)?.Naam ?? code, fired, Math.Round(value, 6), threshold, facts);
}
