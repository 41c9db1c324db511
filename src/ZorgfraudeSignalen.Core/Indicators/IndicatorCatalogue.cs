using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.Core.Indicators;

/// <summary>
/// What an indicator measured for one provider: the value held against the peer group, and whether the provider
/// passes the indicator's minimum (enough clients or months, a material share) at all.
/// </summary>
/// <param name="Waarde">The measured value (a share, a factor, hours).</param>
/// <param name="Materieel">Whether the counts behind the value reach the indicator's minimum count (e.g. at least 3 clients).</param>
/// <param name="Aantal">For a share of counted things (clients, months): how many it is counted over; the limit for a
/// provider with few of them lies further out (<see cref="IndicatorEvaluation"/>).</param>
public readonly record struct Meting(double Waarde, bool Materieel, int? Aantal = null);

/// <summary>
/// One indicator: a transparent rule about a provider that a reviewer can check by hand. It fires when the provider's
/// value reaches the indicator's minimum and lies beyond the usual spread of its peer group (see
/// <see cref="IndicatorEvaluation"/>); its weight follows from how rare firing is in that group.
/// </summary>
/// <param name="Code">Stable code, shown in the risk list's <c>signalen</c> column.</param>
/// <param name="Naam">Dutch name.</param>
/// <param name="Definitie">What is measured, in plain Dutch.</param>
/// <param name="Gegevens">The extracts and fields it needs.</param>
/// <param name="Drempels">Its configurable minimums (properties of <see cref="IndicatorThresholds"/>).</param>
/// <param name="TegenGroep">Whether the value is also held against the peer group's spread; if not, the minimum decides alone.</param>
/// <param name="Eenheid">How the value reads.</param>
/// <param name="Minimum">The least value that can count, on the value's scale: a floor, never the threshold that decides alone.</param>
/// <param name="Meet">The measurement, or null when the indicator does not apply (too little data about this provider).</param>
/// <param name="Feiten">The facts in plain Dutch, with the numbers the code counted.</param>
public sealed record IndicatorDefinition(
    string Code,
    string Naam,
    string Definitie,
    string Gegevens,
    IReadOnlyList<string> Drempels,
    bool TegenGroep,
    Eenheid Eenheid,
    Func<IndicatorThresholds, double> Minimum,
    Func<ProviderFacts, IndicatorThresholds, Meting?> Meet,
    Func<ProviderFacts, IndicatorThresholds, string> Feiten);

/// <summary>The indicator catalogue. docs/indicatoren.md is generated from it (a test keeps the two equal).</summary>
public static class IndicatorCatalogue
{
    public static readonly IReadOnlyList<IndicatorDefinition> All =
    [
        new("COLOC_PAND", "Cliënten wonen in het pand van de aanbieder",
            "Aandeel van de actieve cliënten (buiten woondiensten, beschermd wonen en opvang, categorie 05 en 15-18, en buiten adressen die de BAG voor de gezondheidszorg registreert) dat woont in het pand van de vestiging van de aanbieder (BAG-pand; zonder BAG een reeks opeenvolgende huisnummers onder één postcode).",
            "clienten (adres), aanbieders (vestigingsadres), toewijzingen en pgb_overeenkomsten (actief op de peildatum), bag_adressen (optioneel)",
            [nameof(IndicatorThresholds.AandeelInPand), nameof(IndicatorThresholds.MinimumInPand), nameof(IndicatorThresholds.MinimumClienten)],
            true, Eenheid.Aandeel, t => t.AandeelInPand,
            (f, t) => f.Clienten < t.MinimumClienten ? null : new Meting(f.Aandeel(f.InPand), f.InPand >= t.MinimumInPand, f.Clienten),
            (f, t) => $"{f.InPand} van de {f.Clienten} cliënten van deze aanbieder wonen in het pand van de vestiging ({f.VestigingLabel ?? "adres onbekend"})"
                      + (f.VerhuisdKortInPand > 0 ? $"; {f.VerhuisdKortInPand} van hen verhuisden daarheen {t.DagenVoorStart} dagen of korter voor de start van de zorg." : ".")),

        new("COLOC_PANDEN", "Cliënten samen in panden van weinig andere aanbieders",
            "Aandeel van de actieve cliënten dat woont in een pand waar deze aanbieder meer cliënten heeft dan toeval verklaart (ten minste het minimum per pand, en een kans kleiner dan 1 op 1.000 bij cliënten die wonen waar cliënten in het algemeen wonen), panden waar veel onafhankelijke aanbieders cliënten hebben niet meegeteld. Vangt ook cliënten verspreid over meer panden van één aanbieder.",
            "clienten (adres), toewijzingen en pgb_overeenkomsten (actief op de peildatum), bag_adressen (optioneel)",
            [nameof(IndicatorThresholds.AandeelInGedeeldePanden), nameof(IndicatorThresholds.MinimumInPand), nameof(IndicatorThresholds.MinimumClienten)],
            true, Eenheid.Aandeel, t => t.AandeelInGedeeldePanden,
            (f, t) => f.Clienten < t.MinimumClienten ? null : new Meting(f.Aandeel(f.ClientenInGedeeldePanden), f.ClientenInGedeeldePanden >= t.MinimumInPand, f.Clienten),
            (f, t) => $"{f.ClientenInGedeeldePanden} van de {f.Clienten} cliënten wonen in {f.PandenMetClienten} {Nl.Meervoud(f.PandenMetClienten, "pand", "panden")} waar deze aanbieder meer cliënten heeft dan toeval verklaart"
                      + (f.GrootstePandClienten > 0 ? $"; de meeste in één pand: {f.GrootstePandClienten}." : ".")),

        new("COLOC_RIJ", "Cliënten samen in één straatdeel",
            "Aandeel van de actieve cliënten dat woont in een zescijferige postcode (één kant van een straatdeel) waar deze aanbieder meer cliënten heeft dan toeval verklaart (dezelfde toets als per pand), buiten de panden die al voor COLOC_PANDEN tellen: dezelfde cliënten tellen niet twee keer. Herkent samenwonen ook waar panden niet te herkennen zijn, zoals zonder BAG-extract, en cliënten verspreid over de huizen van één straatdeel.",
            "clienten (postcode), toewijzingen en pgb_overeenkomsten (actief op de peildatum)",
            [nameof(IndicatorThresholds.AandeelInRij), nameof(IndicatorThresholds.MinimumInRij), nameof(IndicatorThresholds.MinimumClienten)],
            true, Eenheid.Aandeel, t => t.AandeelInRij,
            (f, t) => f.Clienten < t.MinimumClienten ? null : new Meting(f.Aandeel(f.ClientenInGedeeldeRijen), f.ClientenInGedeeldeRijen >= t.MinimumInRij, f.Clienten),
            (f, t) => $"{f.ClientenInGedeeldeRijen} van de {f.Clienten} cliënten wonen, buiten de panden van COLOC_PANDEN, in postcodes waar deze aanbieder meer cliënten heeft dan toeval verklaart"
                      + (f.DrukkeRij is { } rij ? $"; {f.DrukkeRijClienten} in postcode {rij}." : ".")),

        new("VERHUIS_START", "Verhuizing kort voor de start van de zorg",
            "Aandeel van de actieve cliënten dat het ingestelde aantal dagen of korter vóór de start van de zorg verhuisde naar een pand waar ook andere cliënten van de aanbieder wonen (of naar het pand van de vestiging).",
            "clienten (adres, adres_sinds), toewijzingen en pgb_overeenkomsten (ingangsdatum), aanbieders (vestigingsadres)",
            [nameof(IndicatorThresholds.DagenVoorStart), nameof(IndicatorThresholds.AandeelVerhuisdKort), nameof(IndicatorThresholds.MinimumVerhuisdKort), nameof(IndicatorThresholds.MinimumClienten)],
            true, Eenheid.Aandeel, t => t.AandeelVerhuisdKort,
            (f, t) => f.Clienten < t.MinimumClienten ? null : new Meting(f.Aandeel(f.VerhuisdKort), f.VerhuisdKort >= t.MinimumVerhuisdKort, f.Clienten),
            (f, t) => $"{f.VerhuisdKort} van de {f.Clienten} cliënten verhuisden {t.DagenVoorStart} dagen of korter voor de start van de zorg naar een pand waar ook andere cliënten van deze aanbieder wonen."),

        new("MAX_DECL", "Steeds het toegewezen maximum gedeclareerd",
            "Aandeel van de toewijzingsmaanden in zorg in natura (elke gedeclareerde maand van elke toewijzing, twaalf maanden tot de peildatum) waarin het gedeclareerde volume het toegewezen maximum voor die maand bereikt (binnen de marge): het maximum in de eenheid van de toewijzing, in hele eenheden voor etmalen, dagdelen en stuks. Woondiensten, beschermd wonen en opvang (05, 15-18) tellen niet mee: daar is elke dag declareren het product. Een vaste prijs per maand (stuks output 82 of euro 83, per maand), zoals een gehuurd hulpmiddel, telt evenmin mee: die wordt elke maand volledig gedeclareerd.",
            "declaraties (volume, eenheid, periode), toewijzingen (productcategorie, volume, eenheid, frequentie, periode)",
            [nameof(IndicatorThresholds.MaximumMarge), nameof(IndicatorThresholds.AandeelMaandenOpMaximum), nameof(IndicatorThresholds.MinimumClienten)],
            true, Eenheid.Aandeel, t => t.AandeelMaandenOpMaximum,
            (f, t) => f.MaandenMetMaximum < t.MinimumClienten * 3 ? null
                : new Meting((double)f.MaandenOpMaximum / f.MaandenMetMaximum, true, f.MaandenMetMaximum),
            (f, t) => $"In {f.MaandenOpMaximum} van de {f.MaandenMetMaximum} toewijzingsmaanden ({Nl.Procent(f.MaandenMetMaximum == 0 ? 0 : (double)f.MaandenOpMaximum / f.MaandenMetMaximum)}) is {Nl.Procent(t.MaximumMarge)} of meer van het toegewezen maximum gedeclareerd."),

        new("GELIJK_BEDRAG", "Maand na maand hetzelfde bedrag",
            "Aandeel van de declaratiereeksen (per toewijzing; in pgb per cliënt) met declaraties in ten minste het ingestelde aantal maanden, waarin elke maand exact hetzelfde bedrag is gedeclareerd. Een toewijzing met een vaste prijs per maand (stuks output 82 of euro 83, per maand), zoals een gehuurd hulpmiddel, telt niet mee: daar is elke maand hetzelfde bedrag het product.",
            "declaraties (bedrag, periode)",
            [nameof(IndicatorThresholds.AandeelGelijkeBedragen), nameof(IndicatorThresholds.MinimumMaanden), nameof(IndicatorThresholds.MinimumClienten)],
            true, Eenheid.Aandeel, t => t.AandeelGelijkeBedragen,
            (f, t) => f.ClientenMetReeks < t.MinimumClienten ? null
                : new Meting((double)f.ClientenGelijkBedrag / f.ClientenMetReeks, true, f.ClientenMetReeks),
            (f, t) => $"Voor {f.ClientenGelijkBedrag} van de {f.ClientenMetReeks} toewijzingen (in pgb: cliënten) met declaraties in {t.MinimumMaanden} of meer maanden is elke maand exact hetzelfde bedrag gedeclareerd."),

        new("PGB_TARIEF", "Pgb-uurtarief ver boven het gebruikelijke",
            "Mediane uurtarief van de actieve pgb-zorgovereenkomsten van de aanbieder, als veelvoud van de mediaan voor hetzelfde soort overeenkomst en dezelfde productcategorie; het vuren vraagt ook een tarief buiten de gewone spreiding van vergelijkbare zorgverleners (specialisten vragen vaak anderhalf tot twee keer de mediaan).",
            "pgb_overeenkomsten (overeenkomst_type, uurtarief), toewijzingen (productcategorie van de pgb-toewijzing)",
            [nameof(IndicatorThresholds.TariefFactor)],
            true, Eenheid.Factor, t => t.TariefFactor,
            (f, t) => f.PgbTariefFactor is { } factor ? new Meting(factor, true) : null,
            (f, t) => f.PgbMediaanTarief is { } rate
                ? $"Het mediane pgb-uurtarief is {Nl.Euro((decimal)rate)}, {Nl.Getal(f.PgbTariefFactor ?? 0, 2)} keer de mediaan voor {f.PgbReferentie}."
                : "Geen actieve pgb-zorgovereenkomsten."),

        new("PGB_UREN", "Meer pgb-uren gedeclareerd dan overeengekomen",
            "Aandeel van de pgb-cliëntmaanden (twaalf maanden tot de peildatum) waarin meer uren zijn gedeclareerd dan de zorgovereenkomst afspreekt (uren per week × 52/12, naar rato van de dagen), boven de marge. Alle afgesproken uren declareren is gewoon; meer niet.",
            "declaraties (volume in uren, periode; zonder toewijzing_id), pgb_overeenkomsten (uren_per_week, looptijd)",
            [nameof(IndicatorThresholds.MargeBovenAfspraak), nameof(IndicatorThresholds.AandeelMaandenBovenAfspraak), nameof(IndicatorThresholds.MinimumMaanden)],
            true, Eenheid.Aandeel, t => t.AandeelMaandenBovenAfspraak,
            (f, t) => f.PgbMaandenMetAfspraak < t.MinimumMaanden ? null
                : new Meting((double)f.PgbMaandenBovenAfspraak / f.PgbMaandenMetAfspraak, f.PgbMaandenBovenAfspraak >= t.MinimumMaanden, f.PgbMaandenMetAfspraak),
            (f, t) => $"In {f.PgbMaandenBovenAfspraak} van de {f.PgbMaandenMetAfspraak} pgb-cliëntmaanden ({Nl.Procent(f.PgbMaandenMetAfspraak == 0 ? 0 : (double)f.PgbMaandenBovenAfspraak / f.PgbMaandenMetAfspraak)}) zijn meer dan {Nl.Procent(1 + t.MargeBovenAfspraak)} van de overeengekomen uren gedeclareerd."),

        new("BUITEN_TOEW", "Declaraties buiten een toewijzing",
            "Aandeel van het gedeclareerde bedrag (twaalf maanden tot de peildatum) zonder passende toewijzing of zorgovereenkomst: onbekend, van een andere cliënt of aanbieder, of buiten de looptijd; een declaratieperiode die deels buiten de looptijd valt, telt naar rato van de dagen.",
            "declaraties, toewijzingen, pgb_overeenkomsten",
            [nameof(IndicatorThresholds.AandeelBuitenToewijzing)],
            true, Eenheid.Aandeel, t => t.AandeelBuitenToewijzing,
            (f, t) => f.BedragTotaal <= 0 ? null
                : new Meting((double)(f.BedragBuitenToewijzing / f.BedragTotaal), f.DeclaratiesBuitenToewijzing > 0),
            (f, t) => $"{f.DeclaratiesBuitenToewijzing} {Nl.Meervoud(f.DeclaratiesBuitenToewijzing, "declaratie valt", "declaraties vallen")} geheel of deels buiten een toewijzing of zorgovereenkomst: {Nl.Euro(f.BedragBuitenToewijzing)} van {Nl.Euro(f.BedragTotaal)} ({Nl.Procent(f.BedragTotaal <= 0 ? 0 : (double)(f.BedragBuitenToewijzing / f.BedragTotaal))})."),

        new("GROEI", "Snelle groei van het aantal cliënten",
            "Aandeel nieuwe cliënten (zorg gestart in de twaalf maanden tot de peildatum) onder de actieve cliënten, met ten minste het ingestelde aantal nieuwe cliënten.",
            "toewijzingen en pgb_overeenkomsten (ingangsdatum), aanbieders (kvk_inschrijving, alleen in de toelichting)",
            [nameof(IndicatorThresholds.AandeelNieuweClienten), nameof(IndicatorThresholds.MinimumNieuweClienten)],
            true, Eenheid.Aandeel, t => t.AandeelNieuweClienten,
            (f, t) => f.AlleClienten < t.MinimumClienten ? null : new Meting(f.AandeelNieuw, f.NieuweClienten >= t.MinimumNieuweClienten, f.AlleClienten),
            (f, t) => $"{f.NieuweClienten} van de {f.AlleClienten} cliënten zijn in het afgelopen jaar begonnen (een jaar eerder {f.ClientenJaarEerder} cliënten)"
                      + (f.KvkInschrijving is { } k ? $"; ingeschreven bij de KvK op {Nl.Datum(k)}." : ".")),

        new("NETWERK", "Verbonden aanbieders met cliënten in dezelfde panden",
            "De aanbieder deelt een bestuurder of bankrekening met andere aanbieders, en cliënten van die aanbieders wonen in dezelfde panden als cliënten van deze aanbieder, panden waar een van hen, of de verbonden aanbieders samen, meer cliënten hebben dan toeval verklaart (dezelfde toets als per pand, met de verbonden aanbieders als één aanbieder: een netwerk verdeelt de cliënten van een pand over zijn leden): het netwerk is samen één signaal, dat op de pagina van elk lid staat.",
            "aanbieders (bestuurder_ids, rekening_ids), pgb_overeenkomsten (rekening_id), clienten (adres) via de gebouwenanalyse (een rekening van meer dan 10 aanbieders of een bestuurder van meer dan 25 telt niet)",
            [nameof(IndicatorThresholds.MinimumClientenNetwerk)],
            false, Eenheid.Aantal, t => t.MinimumClientenNetwerk,
            (f, t) => f.AlleClienten == 0 ? null
                : new Meting(f.ClientenVerbondenInZelfdePanden, f.VerbondenAanbieders.Count > 0),
            (f, t) => $"Verbonden met {f.VerbondenAanbieders.Count} andere {Nl.Meervoud(f.VerbondenAanbieders.Count, "aanbieder", "aanbieders")} ({string.Join(", ", f.VerbondenAanbieders.Take(5))}{(f.VerbondenAanbieders.Count > 5 ? ", …" : "")}): "
                      + $"{f.ViaBestuurder} via een gedeelde bestuurder, {f.ViaRekening} via een gedeelde rekening; "
                      + $"{f.ClientenVerbondenInZelfdePanden} {Nl.Meervoud(f.ClientenVerbondenInZelfdePanden, "cliënt", "cliënten")} van die aanbieders {Nl.Meervoud(f.ClientenVerbondenInZelfdePanden, "woont", "wonen")} in dezelfde panden als cliënten van deze aanbieder, panden waar een van hen of de verbonden aanbieders samen meer cliënten hebben dan toeval verklaart"
                      + (f.ClusterId is { } c ? $" (cluster {c})." : ".")),

        new("UREN_ZORGVERLENER", "Meer uren dan één zorgverlener kan leveren",
            "Totaal aantal overeengekomen uren per week van een zorgverlener die een persoon is (opdracht, arbeidsovereenkomst of familie, geen instelling), over al zijn budgethouders samen.",
            "pgb_overeenkomsten (overeenkomst_type, uren_per_week)",
            [nameof(IndicatorThresholds.MaximumUrenPerWeek)],
            true, Eenheid.Uren, t => t.MaximumUrenPerWeek,
            (f, t) => f.Budgethouders == 0 ? null : new Meting(f.UrenPerWeek, true),
            (f, t) => $"Zorgverlener voor {f.Budgethouders} {Nl.Meervoud(f.Budgethouders, "budgethouder", "budgethouders")}, samen {Nl.Getal(f.UrenPerWeek)} uur per week."),
    ];

    public static IndicatorDefinition Get(string code) => All.Single(i => i.Code == code);
}
