
namespace ZorgfraudeSignalen.Core.Indicators;

/// <summary>
/// One input of the anomaly model, derived from a provider's facts.
/// </summary>
/// <param name="Code">Feature code.</param>
/// <param name="Omschrijving">Plain Dutch, used in explanations.</param>
/// <param name="Bronnen">The extract fields it is derived from; never a protected attribute or a proxy of one (a test enforces this).</param>
/// <param name="TegenMarkt">
/// Already a comparison with a reference that no group of providers can move (the PGB rate against the median of all
/// agreements of the same type and category): normalised over the run, not once more within the provider's peer
/// group, where a group in which most charge high rates would make a high rate look usual.
/// </param>
/// <param name="Aantal">
/// For a share: the number of clients or months it is counted over. The share of a provider with few of them is a
/// noisy estimate, and its binomial variance widens the provider's spread in the model's peer comparison.
/// </param>
public sealed record FeatureDefinition(string Code, string Omschrijving, IReadOnlyList<string> Bronnen, Func<ProviderFacts, double> Value,
    bool TegenMarkt = false, Func<ProviderFacts, int>? Aantal = null);

/// <summary>
/// The model's features. Only facts about the provider's conduct: where its clients live relative to the provider
/// and to each other (same building or row, from the building analysis; never which neighbourhood or postcode
/// area), how and how much it bills, its growth and its links. No client age, gender, nationality, country of
/// birth, language or neighbourhood as such, and nothing derived from them (checked against
/// <see cref="Fairness.ForbiddenAttributes"/> by a test). Each is oriented so that more is more suspicious: the
/// anomaly model counts only how far a provider lies above its peers (<see cref="Run.RiskEngine.ExcessOverPeers"/>).
/// </summary>
public static class ProviderFeatures
{
    public static readonly IReadOnlyList<FeatureDefinition> All =
    [
        new("aandeel_in_pand", "aandeel cliënten in het pand van de vestiging",
            ["gebouwen.clients_in_own_building", "gebouwen.active_clients"], f => f.Aandeel(f.InPand), Aantal: f => f.Clienten),
        new("aandeel_in_rij", "aandeel cliënten in het rijtje panden van de vestiging",
            ["gebouwen.clients_in_own_row", "gebouwen.active_clients"], f => f.Aandeel(f.InRij), Aantal: f => f.Clienten),
        new("aandeel_verhuisd_kort", "aandeel cliënten dat kort voor de start van de zorg verhuisde naar een gedeeld pand",
            ["gebouwen.building_evidence", "clienten.adres_sinds", "toewijzingen.ingangsdatum", "pgb_overeenkomsten.ingangsdatum"], f => f.Aandeel(f.VerhuisdKort), Aantal: f => f.Clienten),
        new("concentratie_panden", "concentratie van de cliënten in één pand (Herfindahl-index)",
            ["gebouwen.client_hhi"], f => f.Concentratie),
        new("aandeel_maanden_maximum", "aandeel toewijzingsmaanden waarin het toegewezen maximum is gedeclareerd",
            ["declaraties.volume", "declaraties.bedrag", "toewijzingen.volume", "toewijzingen.frequentie", "toewijzingen.eenheid"],
            f => f.MaandenMetMaximum == 0 ? 0 : (double)f.MaandenOpMaximum / f.MaandenMetMaximum, Aantal: f => f.MaandenMetMaximum),
        new("aandeel_gelijk_bedrag", "aandeel toewijzingen (pgb: cliënten) met elke maand hetzelfde bedrag",
            ["declaraties.bedrag", "declaraties.periode_start"],
            f => f.ClientenMetReeks == 0 ? 0 : (double)f.ClientenGelijkBedrag / f.ClientenMetReeks, Aantal: f => f.ClientenMetReeks),
        new("aandeel_pgb_maanden_boven_afspraak", "aandeel pgb-cliëntmaanden met meer uren gedeclareerd dan overeengekomen",
            ["declaraties.volume", "declaraties.periode_start", "pgb_overeenkomsten.uren_per_week", "pgb_overeenkomsten.ingangsdatum", "pgb_overeenkomsten.einddatum"],
            f => f.PgbMaandenMetAfspraak == 0 ? 0 : (double)f.PgbMaandenBovenAfspraak / f.PgbMaandenMetAfspraak, Aantal: f => f.PgbMaandenMetAfspraak),
        new("pgb_tarief_factor", "pgb-uurtarief ten opzichte van de mediaan voor hetzelfde soort overeenkomst",
            ["pgb_overeenkomsten.uurtarief", "pgb_overeenkomsten.overeenkomst_type", "toewijzingen.productcategorie"],
            f => f.PgbTariefFactor ?? 1, TegenMarkt: true),
        new("aandeel_buiten_toewijzing", "aandeel gedeclareerd bedrag buiten een toewijzing",
            ["declaraties.toewijzing_id", "declaraties.bedrag", "toewijzingen.ingangsdatum", "toewijzingen.einddatum", "pgb_overeenkomsten.ingangsdatum"],
            f => f.BedragTotaal <= 0 ? 0 : Math.Clamp((double)(f.BedragBuitenToewijzing / f.BedragTotaal), 0, 1)),
        new("aandeel_nieuwe_clienten", "aandeel cliënten dat in het afgelopen jaar begon",
            ["toewijzingen.ingangsdatum", "pgb_overeenkomsten.ingangsdatum"], f => f.AandeelNieuw, Aantal: f => f.AlleClienten),
        new("jonge_inschrijving", "kort geleden bij de KvK ingeschreven (1 = minder dan twee jaar)",
            ["aanbieders.kvk_inschrijving"], f => f.MaandenIngeschreven is { } m && m < 24 ? 1 : 0),
        new("verbonden_aanbieders", "aantal verbonden aanbieders (bestuurder of rekening)",
            ["gebouwen.linked_by_director", "gebouwen.linked_by_account"], f => Math.Log(1 + f.VerbondenAanbieders.Count)),
        new("aandeel_clienten_verbonden_in_panden", "cliënten van verbonden aanbieders in dezelfde panden, per eigen cliënt",
            ["gebouwen.clients_of_linked_providers_in_same_buildings", "gebouwen.active_clients"],
            f => Math.Min(3, (double)f.ClientenVerbondenInZelfdePanden / Math.Max(1, f.Clienten))),
        new("budgethouders_per_zorgverlener", "aantal budgethouders van deze zorgverlener (geen instelling)",
            ["pgb_overeenkomsten.client_id", "pgb_overeenkomsten.overeenkomst_type"], f => Math.Log(1 + f.Budgethouders)),
        new("bedrag_per_client", "gedeclareerd bedrag per cliënt per maand",
            ["declaraties.bedrag", "toewijzingen.client_id"],
            f => Math.Log(1 + Math.Max(0, (double)f.BedragTotaal) / Math.Max(1, f.AlleClienten) / ProviderFactsBuilder.Maanden)),
    ];

    /// <summary>The feature codes, in model order (what the fairness report checks).</summary>
    public static IReadOnlyList<string> Codes => All.Select(f => f.Code).ToList();

    public static double[] Vector(ProviderFacts facts) => All.Select(f => f.Value(facts)).ToArray();
}
