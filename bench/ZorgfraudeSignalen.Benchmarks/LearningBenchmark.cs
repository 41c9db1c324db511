using System.CommandLine;
using System.Globalization;
using ZorgfraudeSignalen.Core.Indicators;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Storage.Local;
using ZorgfraudeSignalen.Generator;

namespace ZorgfraudeSignalen.Benchmarks;

/// <summary><c>learning</c>: reviewers simulated over rounds on generated worlds (see <see cref="LearningSimulation"/>).</summary>
public static class LearningBenchmark
{
    public static Command Create()
    {
        var seeds = new Option<string>("--seeds") { Description = "Generatorseeds (werelden), komma-gescheiden; standaard de eerste tien werelden van evaluate.", DefaultValueFactory = _ => "1000,1001,1002,1003,1004,1005,1006,1007,1008,1009" };
        var rounds = new Option<int>("--rondes") { Description = "Aantal beoordelingsrondes.", DefaultValueFactory = _ => 10 };
        var k = new Option<int>("--k") { Description = "Signalen die de beoordelaars per ronde beoordelen (naast de steekproef).", DefaultValueFactory = _ => 20 };
        // Without sizes each seed draws its municipality as evaluate does (500–1.200 providers, 50–90 clients each).
        var providers = new Option<int?>("--providers") { Description = "Aanbieders per wereld (standaard getrokken zoals evaluate: 500–1.200)." };
        var clients = new Option<int?>("--clients") { Description = "Cliënten per wereld (standaard getrokken zoals evaluate: 50–90 per aanbieder)." };
        var minimum = new Option<int?>("--minimum-labels") { Description = "Minimum aantal positieve en negatieve labels voor het leren (standaard die van de configuratie, 30)." };
        var schemes = new Option<string>("--varianten") { Description = $"Varianten, komma-gescheiden (geen_leren loopt altijd mee); bekend: {string.Join(", ", LearningSimulation.AllSchemes)}.", DefaultValueFactory = _ => LearningSimulation.DefaultSchemes };
        var blind = new Option<string?>("--blind") { Description = $"Indicatoren die niet kunnen afgaan (hun minimum in de configuratie buiten bereik), komma-gescheiden, bv. PGB_TARIEF,UREN_ZORGVERLENER; bekend: {string.Join(", ", Blinding.Patterns.Keys)}." };
        // Worlds of bench/independent-world (another generator, written from the contract alone): DIR/store as run.sh
        // ingested it, DIR/truth.csv as it wrote it.
        var independent = new Option<string?>("--werelden") { Description = "In plaats van --seeds: mappen van bench/independent-world (elk met store/ en truth.csv), komma-gescheiden." };
        var command = new Command("learning", "Simuleer beoordelaars over rondes: AP, precisie top 20 en recall per patroon zonder leren, naïef leren en dit ontwerp.")
            { seeds, rounds, k, providers, clients, minimum, schemes, blind, independent };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var simulation = new LearningSimulation(parse.GetValue(rounds), parse.GetValue(k), output, parse.GetValue(minimum), parse.GetValue(schemes));
            var blinded = (parse.GetValue(blind) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            var thresholds = Blinding.Thresholds(new IndicatorThresholds(), blinded);
            if (blinded.Count > 0)
                output.WriteLine($"blind: {string.Join(", ", blinded)} (minimum buiten bereik: {string.Join(", ", blinded.Select(Blinding.Property))}); patronen: {string.Join(", ", blinded.Select(b => Blinding.Patterns[b]))}");
            var all = new List<LearningSimulation.RoundFigures>();
            var configuration = new RiskConfiguration { Rundatum = new DateOnly(2026, 1, 5), Drempels = thresholds };
            if (parse.GetValue(independent) is { } folders)
            {
                var number = 0;
                foreach (var folder in folders.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var (input, truth) = await IndependentWorld(folder, configuration, $"sim-iw-{++number}", ct);
                    output.WriteLine($"wereld {number}: {folder}");
                    all.AddRange(simulation.Simulate(number, input, truth));
                }
                simulation.Summarise(all);
                return 0;
            }
            foreach (var seed in parse.GetValue(seeds)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)))
            {
                // Each seed a drawn world, as in evaluate.
                var world = await WorldEvaluation.RunAsync(EvaluateBenchmark.WorldOptions(seed, parse.GetValue(providers), parse.GetValue(clients), 12, referenceWorld: false),
                    configuration, $"sim-{seed}", ct);
                var truth = world.Truth.Select(t => new TruthRow(t.Key, Patronen.IsFraude(t.Value), (t.Value & Patronen.LookAlike) != 0,
                    Patronen.Codes.Where(c => t.Value.HasFlag(c.Patroon)).Select(c => c.Code).ToList())).ToList();
                all.AddRange(simulation.Simulate(seed, world.Result.Leren!.Invoer, truth));
            }
            simulation.Summarise(all, blinded.Select(b => Blinding.Patterns[b]).Distinct(StringComparer.Ordinal).ToList());
            return 0;
        });
        return command;
    }

    /// <summary>An ingested world of bench/independent-world: the risk run on its store, and its truth (one scheme per fraud).</summary>
    private static async Task<(Core.Learning.LearningInput Input, List<TruthRow> Truth)> IndependentWorld(string folder, RiskConfiguration configuration, string runId, CancellationToken ct)
    {
        var loaded = await SnapshotLoader.LoadInForceAsync(LocalStore.Open(Path.Combine(folder, "store")), ct);
        var result = RiskEngine.Compute(loaded.Inputs, configuration, runId);
        var lines = await File.ReadAllLinesAsync(Path.Combine(folder, "truth.csv"), ct);
        var header = lines[0].Split(';');
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidDataException($"{folder}/truth.csv: kolom {name} ontbreekt.");
        int id = Column("aanbieder_id"), fraud = Column("fraude"), scheme = Column("schema"), lookalike = Column("lookalike");
        var truth = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(';'))
            .Select(f => new TruthRow(f[id], f[fraud] == "1", f[lookalike].Length > 0, f[fraud] == "1" ? [f[scheme]] : []))
            .ToList();
        return (result.Leren!.Invoer, truth);
    }
}

/// <summary>
/// Rules blind to a scheme, by configuration: the indicator's own minimum (the first of its configurable thresholds)
/// is set out of reach, so it cannot fire. The run records its configuration, so such a run says it was blinded.
/// </summary>
public static class Blinding
{
    /// <summary>The indicators that alone carry one generated scheme, and that scheme's code in truth.csv.</summary>
    public static readonly IReadOnlyDictionary<string, string> Patterns = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["PGB_TARIEF"] = "pgb_tarief",
        ["UREN_ZORGVERLENER"] = "veel_budgethouders",
        ["BUITEN_TOEW"] = "buiten_toewijzing",
        ["GROEI"] = "snelle_groei",
        ["NETWERK"] = "netwerk",
    };

    /// <summary>The threshold property that is the indicator's minimum.</summary>
    public static string Property(string code) =>
        IndicatorCatalogue.All.SingleOrDefault(d => d.Code == code)?.Drempels[0] ?? throw new ArgumentException($"Onbekende indicator '{code}'.", nameof(code));

    public static IndicatorThresholds Thresholds(IndicatorThresholds thresholds, IReadOnlyList<string> codes)
    {
        var blinded = thresholds with { };
        foreach (var code in codes)
        {
            if (!Patterns.ContainsKey(code)) throw new ArgumentException($"'{code}' is geen indicator die alleen één patroon draagt; bekend: {string.Join(", ", Patterns.Keys)}.", nameof(codes));
            var property = typeof(IndicatorThresholds).GetProperty(Property(code))!;
            // A share, factor or count this large is never reached.
            property.SetValue(blinded, property.PropertyType == typeof(int) ? (object)int.MaxValue : 1e9);
            if (IndicatorCatalogue.All.Single(d => d.Code == code).Minimum(blinded) < 1e9)
                throw new InvalidOperationException($"{code}: het minimum is niet {property.Name}.");
        }
        return blinded;
    }
}
