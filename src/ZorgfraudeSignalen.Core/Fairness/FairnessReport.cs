using ZorgfraudeSignalen.Core.Indicators;
using ZorgfraudeSignalen.Core.Addresses;
using ZorgfraudeSignalen.Core.Model;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Learning;
using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.Core.Fairness;

/// <summary>A provider as the run scored it: whether it was published for review and which indicators fired.</summary>
public sealed record ScoredAanbieder(string AanbiederId, bool Gepubliceerd, IReadOnlyList<string> AfgeganeIndicatoren);

/// <summary>A model feature and the extract fields it is derived from (<c>type.field</c>), both held against the forbidden list.</summary>
public sealed record ModelFeature(string Code, IReadOnlyList<string> Bronnen);

/// <summary>
/// The thresholds of the concentration check (docs/fairness.md). A group is flagged when the published signals'
/// clients (or providers) are at least <see cref="MinimumShare"/> in that group and at least <see cref="MinimumFactor"/>
/// times the group's share of all clients (or providers) of the scored providers.
/// </summary>
/// <param name="LocationIndicators">
/// Indicator codes whose facts are about buildings and addresses (co-location). A concentration in a postcode-4
/// area counts as explained only when every published provider with clients there has one of these fired.
/// </param>
/// <param name="ExemptFeatures">Features that match a forbidden term by name but were reviewed and allowed, with the reason.</param>
public sealed record FairnessSettings(
    double MinimumShare = 0.5,
    double MinimumFactor = 2.0,
    IReadOnlyList<string>? LocationIndicators = null,
    IReadOnlyDictionary<string, string>? ExemptFeatures = null)
{
    /// <summary>The indicators whose facts are about buildings and addresses (docs/indicatoren.md).</summary>
    public static readonly IReadOnlyList<string> DefaultLocationIndicators = ["COLOC_PAND", "COLOC_RIJ", "VERHUIS_START"];

    /// <summary>
    /// Features reviewed and allowed although they match a forbidden term, with the reason. Empty: the model's
    /// features derive from building facts (same pand, same row), not from address fields as such. A feature that
    /// starts to match must be reviewed and listed here with its reason before the report passes again.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultExemptFeatures = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The settings a run uses unless configured otherwise.</summary>
    public static FairnessSettings Default { get; } = new(LocationIndicators: DefaultLocationIndicators, ExemptFeatures: DefaultExemptFeatures);
}

/// <summary>A model feature held against the list of forbidden attributes, by its name and by the fields it derives from.</summary>
/// <param name="Matches">What matched: the name, or <c>bron type.field</c>.</param>
/// <param name="Verdict"><c>toegestaan</c>, <c>verboden</c> or <c>vrijgesteld</c> (matched, reviewed and allowed: see <paramref name="Reason"/>).</param>
public sealed record FeatureCheck(string Feature, string Verdict, IReadOnlyList<string> Attributes, IReadOnlyList<string> Matches, string? Reason);

/// <summary>How many of a group were selected (published), and the group's share of the selection against its share of the whole.</summary>
/// <param name="Factor">Share in the selection divided by share in the whole; 1 means proportionate. 0 when nothing was selected.</param>
public sealed record SelectionRate(string Group, int Total, int Selected, double Rate, double ShareOfSelected, double ShareOfTotal, double Factor);

/// <summary>A group in which the published list concentrates beyond its share of the whole.</summary>
/// <param name="Dimension"><c>pc4_clienten</c>, <c>pc4_aanbieders</c> or <c>productcategorie_clienten</c>.</param>
/// <param name="Explained">True only when the facts of fired location indicators account for it (postcode-4 dimensions; a productcategorie concentration is never explained automatically).</param>
/// <param name="Toelichting">The finding in plain Dutch, with the numbers, for the portal.</param>
public sealed record ConcentrationWarning(
    string Dimension,
    string Group,
    int Selected,
    double ShareOfSelected,
    double ShareOfTotal,
    double Factor,
    bool Explained,
    IReadOnlyList<string> ExplainingIndicators,
    string Toelichting);

/// <summary>
/// The fairness and proxy report of one risk run, stored with the run and shown to auditors: the model's features
/// against the forbidden attributes, selection rates per postcode-4 area and per productcategorie, and
/// concentration warnings. <see cref="Passed"/> is false when a forbidden feature is used or a concentration is
/// not explained by the indicators' facts.
/// </summary>
public sealed record FairnessReport(
    IReadOnlyList<FeatureCheck> Features,
    IReadOnlyList<SelectionRate> ClientsPerPc4,
    IReadOnlyList<SelectionRate> ProvidersPerPc4,
    IReadOnlyList<SelectionRate> ClientsPerProductcategorie,
    IReadOnlyList<SelectionRate> ProvidersPerProductcategorie,
    IReadOnlyList<ConcentrationWarning> Warnings,
    FairnessSettings Settings)
{
    public const string Unknown = "onbekend";

    public IReadOnlyList<FeatureCheck> ForbiddenFeatures => Features.Where(f => f.Verdict == "verboden").ToList();

    public bool Passed => ForbiddenFeatures.Count == 0 && Warnings.All(w => w.Explained);

    /// <summary>
    /// Computes the report. The population is every client with an allocation or PGB agreement with a scored
    /// provider; a client is "behind a signal" when one of those is with a published provider. A client counts in
    /// the postcode-4 area of the address in the clienten snapshot (<see cref="Unknown"/> without one), a provider
    /// in the area of its vestiging.
    /// </summary>
    public static FairnessReport Compute(RunTables inputs, IReadOnlyList<ScoredAanbieder> scored, IReadOnlyList<string> modelFeatures, FairnessSettings? settings = null) =>
        Compute(inputs, scored, modelFeatures.Select(f => new ModelFeature(f, [])).ToList(), settings);

    /// <summary>The report of a risk run: its ranked providers, the model's features and the default settings unless given.</summary>
    /// <param name="signals">Every scored provider of the run, ranked.</param>
    /// <param name="leren">What the run learned; its model's features are checked too.</param>
    public static FairnessReport ForRun(RunTables inputs, IReadOnlyList<Signal> signals, LearningOutcome? leren, FairnessSettings? settings = null) =>
        Compute(inputs,
            signals.Select(s => new ScoredAanbieder(s.AanbiederId, s.Status == ReviewStatus.TeBeoordelen, s.Signalen)).ToList(),
            ProviderFeatures.All.Select(f => new ModelFeature(f.Code, f.Bronnen)).Concat(LearnedFeatures(leren)).ToList(),
            settings ?? FairnessSettings.Default);

    /// <summary>The learned model's features are checked like the anomaly model's (docs/leren.md); the same code is checked once.</summary>
    private static IEnumerable<ModelFeature> LearnedFeatures(LearningOutcome? leren) =>
        leren?.Samenvatting is { Geleerd: true } learned
            ? learned.Kenmerken.Select(k => new ModelFeature(k, ProviderFeatures.All.FirstOrDefault(f => f.Code == k)?.Bronnen ?? []))
            : [];

    public static FairnessReport Compute(RunTables inputs, IReadOnlyList<ScoredAanbieder> scored, IReadOnlyList<ModelFeature> modelFeatures, FairnessSettings? settings = null)
    {
        settings ??= new FairnessSettings();
        var features = modelFeatures.DistinctBy(f => f.Code, StringComparer.Ordinal).OrderBy(f => f.Code, StringComparer.Ordinal).Select(f => Check(f, settings)).ToList();

        var byId = scored.ToDictionary(s => s.AanbiederId, StringComparer.Ordinal);
        // Per provider number the scored provider (null: not scored), per client number its postcode-4 area.
        var scoredOf = new ScoredAanbieder?[inputs.ProviderIds.Count];
        for (var p = 0; p < scoredOf.Length; p++) scoredOf[p] = byId.GetValueOrDefault(inputs.ProviderIds[p]);
        var pc4Names = new Dictionary<int, string>();
        string Pc4OfClient(int client)
        {
            if (client >= inputs.Clienten.Count) return Unknown;
            var code = inputs.Clienten[client].Postcode;
            if (code < 0) return Pc4(inputs.Clienten.Adres(client).Postcode);
            var area = code / 676;
            return pc4Names.TryGetValue(area, out var name) ? name : pc4Names[area] = AdresCode.PostcodeTekst(code)[..4];
        }

        // Client–provider relations with the scored providers (allocations, PGB agreements), and the categories.
        var relations = new List<(int Client, int Provider, string? Categorie)>(inputs.Toewijzingen.Count + inputs.PgbOvereenkomsten.Count);
        foreach (ref readonly var t in inputs.Toewijzingen.Rows)
            if (scoredOf[t.Provider] is not null) relations.Add((t.Client, t.Provider, t.Productcategorie));
        foreach (var (client, provider) in inputs.AgreementParties)
            if (scoredOf[provider] is not null) relations.Add((client, provider, null));
        bool Published(int provider) => scoredOf[provider]!.Gepubliceerd;

        // Per client number: 0 no relation with a scored provider, 1 related, 2 related to a published provider.
        var clientState = new byte[inputs.ClientIds.Count];
        foreach (var r in relations) clientState[r.Client] = Math.Max(clientState[r.Client], Published(r.Provider) ? (byte)2 : (byte)1);
        var clientsPerPc4 = Rates(Enumerable.Range(0, clientState.Length).Where(c => clientState[c] > 0).Select(c => (Pc4OfClient(c), clientState[c] == 2)));

        var providerPc4 = inputs.Aanbieders.GroupBy(a => a.AanbiederId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Vestiging is { } v ? Pc4(v.Postcode) : Unknown, StringComparer.Ordinal);
        var providersPerPc4 = Rates(scored.Select(s => (providerPc4.GetValueOrDefault(s.AanbiederId, Unknown), s.Gepubliceerd)));

        // (member, category) as one number: categories are few, so their index fits beside the member's number.
        var categories = new List<string>();
        var categoryIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var clientCategories = new Dictionary<long, bool>();
        var providerCategories = new Dictionary<long, bool>();
        foreach (var r in relations)
        {
            if (r.Categorie is null) continue;
            if (!categoryIndex.TryGetValue(r.Categorie, out var c)) { categoryIndex[r.Categorie] = c = categories.Count; categories.Add(r.Categorie); }
            var clientKey = (long)r.Client << 16 | (uint)c;
            clientCategories[clientKey] = clientCategories.GetValueOrDefault(clientKey) || Published(r.Provider);
            providerCategories[(long)r.Provider << 16 | (uint)c] = Published(r.Provider);
        }
        var clientsPerCategory = Rates(clientCategories.Select(kv => (categories[(int)(kv.Key & 0xFFFF)], kv.Value)));
        var providersPerCategory = Rates(providerCategories.Select(kv => (categories[(int)(kv.Key & 0xFFFF)], kv.Value)));

        var warnings = new List<ConcentrationWarning>();
        var locationIndicators = new HashSet<string>(settings.LocationIndicators ?? [], StringComparer.Ordinal);
        foreach (var rate in clientsPerPc4.Where(r => Concentrated(r, settings)))
        {
            // The published providers that have clients in this area; each must have a location indicator fired.
            var contributing = relations.Where(r => Published(r.Provider) && Pc4OfClient(r.Client) == rate.Group)
                .Select(r => scoredOf[r.Provider]!).Distinct().ToList();
            var (explained, explaining) = Explanation(rate.Group, contributing, locationIndicators);
            warnings.Add(Warning("pc4_clienten", rate, explained, explaining,
                $"{rate.Selected} van de cliënten achter de gepubliceerde signalen ({Pct(rate.ShareOfSelected)}) wonen in postcodegebied {rate.Group}, " +
                $"tegen {Pct(rate.ShareOfTotal)} van alle cliënten van de gescoorde aanbieders (factor {Num(rate.Factor)}). " + Conclusion(explained, contributing.Count, explaining)));
        }
        foreach (var rate in providersPerPc4.Where(r => Concentrated(r, settings)))
        {
            var contributing = scored.Where(s => s.Gepubliceerd && providerPc4.GetValueOrDefault(s.AanbiederId, Unknown) == rate.Group).ToList();
            var (explained, explaining) = Explanation(rate.Group, contributing, locationIndicators);
            warnings.Add(Warning("pc4_aanbieders", rate, explained, explaining,
                $"{rate.Selected} gepubliceerde aanbieders ({Pct(rate.ShareOfSelected)}) zijn gevestigd in postcodegebied {rate.Group}, " +
                $"tegen {Pct(rate.ShareOfTotal)} van alle gescoorde aanbieders (factor {Num(rate.Factor)}). " + Conclusion(explained, contributing.Count, explaining)));
        }
        foreach (var rate in clientsPerCategory.Where(r => Concentrated(r, settings)))
            warnings.Add(Warning("productcategorie_clienten", rate, false, [],
                $"{rate.Selected} cliënten achter de gepubliceerde signalen ({Pct(rate.ShareOfSelected)}) hebben een toewijzing in productcategorie {rate.Group}, " +
                $"tegen {Pct(rate.ShareOfTotal)} van alle cliënten van de gescoorde aanbieders (factor {Num(rate.Factor)})."));

        return new FairnessReport(features, clientsPerPc4, providersPerPc4, clientsPerCategory, providersPerCategory, warnings, settings);
    }

    private static FeatureCheck Check(ModelFeature feature, FairnessSettings settings)
    {
        var matches = ForbiddenAttributes.Matches(feature.Code).Select(m => (Where: "naam", Attribute: m))
            .Concat(feature.Bronnen.SelectMany(b => ForbiddenAttributes.Matches(b).Select(m => (Where: $"bron {b}", Attribute: m))))
            .ToList();
        if (matches.Count == 0) return new FeatureCheck(feature.Code, "toegestaan", [], [], null);
        var attributes = matches.Select(m => m.Attribute.Attribute).Distinct().ToList();
        var where = matches.Select(m => m.Where).Distinct().ToList();
        if (settings.ExemptFeatures?.TryGetValue(feature.Code, out var reason) == true)
            return new FeatureCheck(feature.Code, "vrijgesteld", attributes, where, reason);
        return new FeatureCheck(feature.Code, "verboden", attributes, where, string.Join("; ", matches.Select(m => m.Attribute.Reason).Distinct()));
    }

    /// <summary>Explained only when every published provider behind the concentration has a location indicator fired.</summary>
    private static (bool Explained, IReadOnlyList<string> Indicators) Explanation(string group, IReadOnlyList<ScoredAanbieder> contributing, IReadOnlySet<string> locationIndicators)
    {
        var indicators = contributing.SelectMany(p => p.AfgeganeIndicatoren).Where(locationIndicators.Contains).Distinct().Order(StringComparer.Ordinal).ToList();
        var explained = group != Unknown && contributing.Count > 0 && contributing.All(p => p.AfgeganeIndicatoren.Any(locationIndicators.Contains));
        return (explained, indicators);
    }

    private static string Conclusion(bool explained, int contributing, IReadOnlyList<string> indicators) => explained
        ? $"Alle {contributing} gepubliceerde aanbieders daarachter hebben een afgegane locatie-indicator ({string.Join(", ", indicators)}); de concentratie volgt uit die feiten."
        : "Niet alle gepubliceerde aanbieders daarachter hebben een afgegane locatie-indicator: beoordeel of de lijst dit gebied onevenredig raakt.";

    private static bool Concentrated(SelectionRate rate, FairnessSettings settings) =>
        rate.Selected > 0 && rate.ShareOfSelected >= settings.MinimumShare && rate.Factor >= settings.MinimumFactor;

    private static ConcentrationWarning Warning(string dimension, SelectionRate rate, bool explained, IReadOnlyList<string> explaining, string text) =>
        new(dimension, rate.Group, rate.Selected, rate.ShareOfSelected, rate.ShareOfTotal, rate.Factor, explained, explaining, text);

    /// <summary>Selection rates per group, ordered by group; shares are over the distinct members counted.</summary>
    private static IReadOnlyList<SelectionRate> Rates(IEnumerable<(string Group, bool Selected)> members)
    {
        // Counted in one pass: at national size there are over a million members.
        var groups = new Dictionary<string, (int Total, int Selected)>(StringComparer.Ordinal);
        int total = 0, selected = 0;
        foreach (var (group, isSelected) in members)
        {
            var (groupTotal, groupSelected) = groups.GetValueOrDefault(group);
            groups[group] = (groupTotal + 1, groupSelected + (isSelected ? 1 : 0));
            total++;
            if (isSelected) selected++;
        }
        return groups.OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var (groupTotal, groupSelected) = g.Value;
                var shareOfSelected = selected == 0 ? 0 : (double)groupSelected / selected;
                var shareOfTotal = (double)groupTotal / total;
                return new SelectionRate(g.Key, groupTotal, groupSelected, Round((double)groupSelected / groupTotal),
                    Round(shareOfSelected), Round(shareOfTotal), Round(shareOfSelected / shareOfTotal));
            })
            .ToList();
    }

    // Rounded so that the stored report is the same on every machine and easy to read.
    private static double Round(double value) => Math.Round(value, 4, MidpointRounding.ToEven);

    private static readonly System.Globalization.CultureInfo Nl = System.Globalization.CultureInfo.GetCultureInfo("nl-NL");
    private static string Pct(double share) => (share * 100).ToString("0", Nl) + "%";
    private static string Num(double value) => value.ToString("0.0", Nl);

    private static string Pc4(string postcode) => postcode.Length >= 4 ? postcode[..4] : Unknown;
}

/// <summary>The fairness report as the model-run record carries it; the whole report is the blob <see cref="Blob"/>.</summary>
public sealed record FairnessSummary(bool Passed, int ForbiddenFeatures, int Warnings, int UnexplainedWarnings, string Blob, string Sha256)
{
    public static FairnessSummary Of(FairnessReport report, string blob, string sha256) =>
        new(report.Passed, report.ForbiddenFeatures.Count, report.Warnings.Count, report.Warnings.Count(w => !w.Explained), blob, sha256);
}
