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
        var command = new Command("register", "Genereer de beschrijving voor het Algoritmeregister uit de werkelijke configuratie.") { folder, json };
        command.SetAction(async (parse, ct) =>
        {
            var entry = AlgorithmRegisterEntry.Generate(RegisterSources.From(CurrentConfiguration(), FairnessSettings.Default, RetentionSettings.FromEnvironment().GeenAanwijzing));
            var output = parse.InvocationConfiguration.Output;
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

    /// <summary>The configuration a run started now would use.</summary>
    internal static RiskConfiguration CurrentConfiguration() => new() { RunId = "register", Rundatum = DateOnly.FromDateTime(DateTime.UtcNow) };
}
