using System.CommandLine;
using ZorgfraudeSignalen.App.Portal;

namespace ZorgfraudeSignalen.App.Cli;

/// <summary><c>bench MODE</c>: benchmarks that print figures (never timed tests). Each area adds its mode as a subcommand.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Meet de snelheid van een onderdeel en druk de cijfers af.");
        command.Subcommands.Add(Portal());
        return command;
    }

    private static Command Portal()
    {
        var signalen = new Option<int>("--signalen") { Description = "Aantal signalen per run.", DefaultValueFactory = _ => 5000 };
        var verzoeken = new Option<int>("--verzoeken") { Description = "Aantal gemeten verzoeken.", DefaultValueFactory = _ => 100 };
        var command = new Command("portal", "De risicolijstpagina met veel signalen, gemeten aan de serverkant.") { signalen, verzoeken };
        command.SetAction((parse, ct) => PortalBenchmark.RunAsync(parse.GetValue(signalen), parse.GetValue(verzoeken), Console.Out, ct));
        return command;
    }
}
