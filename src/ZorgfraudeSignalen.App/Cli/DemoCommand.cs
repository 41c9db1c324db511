using System.CommandLine;
using ZorgfraudeSignalen.Core.Storage.Local;

namespace ZorgfraudeSignalen.App.Cli;

/// <summary>
/// <c>demo</c>: the main job on the bundled samples, through the same verbs a user types:
/// <c>ingest data-samples/extracts</c>, then <c>run</c>, then what to do next.
/// </summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var samples = new Option<string>("--samples")
        {
            Description = "Map met de voorbeeldextracten ({type}/{naam}.csv).",
            DefaultValueFactory = _ => FindSamples() ?? Path.Combine("data-samples", "extracts"),
        };
        var command = new Command("demo", "De hele keten op de meegeleverde voorbeelddata: inlezen, risicorun, risicolijst.") { samples };
        command.SetAction(async (parse, ct) =>
        {
            var root = parse.RootCommandResult.Command;
            var store = Path.GetFullPath(parse.GetValue(StoreOption.Instance) ?? LocalStore.DefaultRoot);
            var extracts = parse.GetValue(samples)!;
            var output = Path.Combine(store, "risicolijst.csv");
            if (!Directory.Exists(extracts))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(
                    $"Map met voorbeeldextracten '{extracts}' niet gevonden. Start demo in (een map binnen) de repository, of geef de map met --samples.");
                return 1;
            }

            Console.WriteLine($"1/2  Extracten inlezen uit {extracts} (opslag: {store})");
            var ingest = await root.Parse(["ingest", extracts, "--store", store]).InvokeAsync(cancellationToken: ct);
            if (ingest is not (0 or IngestCommand.ExitQuarantined)) return ingest;

            Console.WriteLine();
            Console.WriteLine("2/2  Risicorun op de geldende snapshots");
            var run = await root.Parse(["run", "--store", store, "--uit", output]).InvokeAsync(cancellationToken: ct);
            if (run != 0) return run;

            Console.WriteLine();
            Console.WriteLine("Verder:");
            Console.WriteLine($"  portaal:   dotnet run --project src/ZorgfraudeSignalen.App -- serve --store {store} --dev-user anna --dev-role beoordelaar");
            Console.WriteLine($"  auditlog:  dotnet run --project src/ZorgfraudeSignalen.App -- audit verify --store {store}");
            Console.WriteLine($"  register:  dotnet run --project src/ZorgfraudeSignalen.App -- register --store {store}");
            return 0;
        });
        return command;
    }

    /// <summary>The samples folder of the repository, looked for from the working directory upwards.</summary>
    private static string? FindSamples()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data-samples", "extracts");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
