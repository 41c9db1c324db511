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
        var seeds = new Option<string>("--seeds") { Description = "Generatorseeds (werelden), komma-gescheiden.", DefaultValueFactory = _ => "101,202,303,404,505" };
        var rounds = new Option<int>("--rondes") { Description = "Aantal beoordelingsrondes.", DefaultValueFactory = _ => 10 };
        var k = new Option<int>("--k") { Description = "Signalen die de beoordelaars per ronde beoordelen (naast de steekproef).", DefaultValueFactory = _ => 20 };
        var providers = new Option<int>("--providers") { DefaultValueFactory = _ => 500, Description = "Aanbieders per wereld." };
        var clients = new Option<int>("--clients") { DefaultValueFactory = _ => 60_000, Description = "Cliënten per wereld." };
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
