using System.CommandLine;
using System.Globalization;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Run;
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
        var command = new Command("learning", "Simuleer beoordelaars over rondes: AP, precisie top 20 en recall per patroon zonder leren, naïef leren en dit ontwerp.")
            { seeds, rounds, k, providers, clients, minimum };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var simulation = new LearningSimulation(parse.GetValue(rounds), parse.GetValue(k), output, parse.GetValue(minimum));
            var all = new List<LearningSimulation.RoundFigures>();
            foreach (var seed in parse.GetValue(seeds)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)))
            {
                // Each seed a drawn world, as in evaluate.
                var world = await WorldEvaluation.RunAsync(EvaluateBenchmark.WorldOptions(seed, parse.GetValue(providers), parse.GetValue(clients), 12, referenceWorld: false),
                    new RiskConfiguration { Rundatum = new DateOnly(2026, 1, 5) }, $"sim-{seed}", ct);
                var truth = world.Truth.Select(t => new TruthRow(t.Key, Patronen.IsFraude(t.Value), (t.Value & Patronen.LookAlike) != 0,
                    Patronen.Codes.Where(c => t.Value.HasFlag(c.Patroon)).Select(c => c.Code).ToList())).ToList();
                all.AddRange(simulation.Simulate(seed, world.Result.Leren!.Invoer, truth));
            }
            simulation.Summarise(all);
            return 0;
        });
        return command;
    }
}
