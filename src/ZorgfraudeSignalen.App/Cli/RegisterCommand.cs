using System.CommandLine;
using ZorgfraudeSignalen.Core.Fairness;
using ZorgfraudeSignalen.Core.Register;
using ZorgfraudeSignalen.Core.Retention;
using ZorgfraudeSignalen.Core.Run;

namespace ZorgfraudeSignalen.App.Cli;

/// <summary>
/// <c>register [--uit MAP] [--json]</c>: the Algoritmeregister entry generated from the configuration in force,
/// as Markdown (and JSON) files or on standard output.
/// </summary>
public static class RegisterCommand
{
    public static Command Create()
    {
        var folder = new Option<string?>("--uit") { Description = "Schrijf algoritmeregister.md en algoritmeregister.json in deze map." };
        var json = new Option<bool>("--json") { Description = "Toon JSON in plaats van Markdown." };
        var runId = new Option<string?>("--run") { Description = "Beschrijf de configuratie van deze run (standaard: de laatst vastgelegde run, of de standaardconfiguratie als er nog geen is)." };
        var command = new Command("register", "Genereer de beschrijving voor het Algoritmeregister uit de werkelijke configuratie.") { folder, json, runId };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var store = StoreOption.Open(parse);
            ModelRunRecord? record;
            if (parse.GetValue(runId) is { } id)
            {
                record = await ModelRunRecord.ReadAsync(store.Tables, id, ct);
                if (record is null)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync($"Run {id} is niet vastgelegd.");
                    return 2;
                }
            }
            else record = await LatestRunAsync(store, ct);
            var source = record is null
                ? RegisterSources.From(CurrentConfiguration(), FairnessSettings.Default, RetentionSettings.FromEnvironment().GeenAanwijzing)
                : RegisterSources.From(record.Configuratie, FairnessSettings.Default, RetentionSettings.FromEnvironment().GeenAanwijzing, record.CodeVersie);
            var entry = AlgorithmRegisterEntry.Generate(source);
            if (parse.GetValue(folder) is { } path)
            {
                Directory.CreateDirectory(path);
                await File.WriteAllTextAsync(Path.Combine(path, "algoritmeregister.md"), entry.ToMarkdown(), ct);
                await File.WriteAllTextAsync(Path.Combine(path, "algoritmeregister.json"), entry.ToJson(), ct);
                await output.WriteLineAsync($"Geschreven: {Path.Combine(path, "algoritmeregister.md")} en .json");
            }
            else
            {
                await output.WriteAsync(parse.GetValue(json) ? entry.ToJson() : entry.ToMarkdown());
            }
            return 0;
        });
        return command;
    }

    private static async Task<ModelRunRecord?> LatestRunAsync(Core.Storage.Store store, CancellationToken ct)
    {
        ModelRunRecord? latest = null;
        await foreach (var row in store.Tables.QueryAsync(Core.Storage.StoreNames.RunsTable, ModelRunRecord.Partition, ct))
            if (ModelRunRecord.Parse(row.Json) is { } r && (latest is null || r.Gestart > latest.Gestart))
                latest = r;
        return latest;
    }

    /// <summary>The configuration a run started now would use.</summary>
    internal static RiskConfiguration CurrentConfiguration() => new() { Rundatum = DateOnly.FromDateTime(DateTime.UtcNow) };
}
