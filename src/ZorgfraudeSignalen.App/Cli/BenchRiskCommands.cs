using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ZorgfraudeSignalen.Core.Run;

namespace ZorgfraudeSignalen.App.Cli;

/// <summary>
/// The risk run's benchmarks, subcommands of <c>bench</c>: <c>bench evaluate</c> (ranking quality against the
/// generator's ground truth, per seed) and <c>bench run</c> (a national-scale risk run: wall, CPU, peak working set).
/// </summary>
public static class BenchRiskCommands
{
    public static Command Evaluate()
    {
        var seeds = new Option<string>("--seeds") { Description = "Generatorseeds, komma-gescheiden.", DefaultValueFactory = _ => "101,202,303" };
        var providers = new Option<int>("--providers") { DefaultValueFactory = _ => 500, Description = "Aanbieders per seed." };
        var clients = new Option<int>("--clients") { DefaultValueFactory = _ => 60_000, Description = "Cliënten per seed." };
        var show = new Option<int>("--show") { DefaultValueFactory = _ => 0, Description = "Toon de eerste N van elke ranglijst met de grondwaarheid." };
        var command = new Command("evaluate", "Meet de rangschikking tegen de grondwaarheid van gegenereerde data (AP, precisie top 20, look-alikes, top 50).")
            { seeds, providers, clients, show };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var all = new List<RiskEvaluation.Outcome>();
            foreach (var seed in parse.GetValue(seeds)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)))
            {
                var outcome = await RiskEvaluation.RunAsync(seed, parse.GetValue(providers), parse.GetValue(clients), ct: ct);
                all.Add(outcome);
                var q = outcome.Quality;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"seed {seed}: {q.Providers} aanbieders, {q.Fraud} fraude; AP {q.AveragePrecision:F3}; precisie top 20 {q.PrecisionTop20:F2}; " +
                    $"look-alikes top 20 {q.LookAlikesTop20}; fraude in top 50 {q.FraudInTop50}/{q.Fraud}; " +
                    $"patronen niet in top 50: {(q.PatternsMissingFromTop50.Count == 0 ? "geen" : string.Join(",", q.PatternsMissingFromTop50))} ({outcome.Elapsed.TotalSeconds:F1} s)"));
                foreach (var (id, rank, patterns) in q.FraudOutsideTop50)
                    await output.WriteLineAsync($"    buiten top 50: {id} rang {rank} ({patterns})");
                var truth = outcome.Truth.ToDictionary(t => t.AanbiederId);
                foreach (var s in outcome.Result.Signals.Take(parse.GetValue(show)))
                {
                    var t = truth[s.AanbiederId];
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"    {s.Rang,3} {s.AanbiederId,-12} {s.Risicoscore,5:F1} {s.Anomaliescore:F2} {(t.Fraude ? "FRAUDE" : t.LookAlike ? "lookalike" : "-"),-9} {string.Join('|', t.Patronen),-40} {string.Join('|', s.Signalen)}"));
                }
            }
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"gemiddeld: AP {all.Average(o => o.Quality.AveragePrecision):F3}; precisie top 20 {all.Average(o => o.Quality.PrecisionTop20):F2}"));
            return 0;
        });
        return command;
    }
}
