using System.CommandLine;

namespace ZorgfraudeSignalen.App.Cli;

/// <summary><c>ingest PATH</c>: a single extract file, or a folder laid out as <c>extracts/{type}/{name}.csv</c>.</summary>
public static class IngestCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "Een extract (.csv) of een map met {type}/{naam}.csv." };
        var command = new Command("ingest", "Lees extracten in: valideren, rapporteren, in quarantaine zetten of als snapshot accepteren.") { path };
        command.SetAction((parse, ct) =>
        {
            throw new NotImplementedException("ingest");
        });
        return command;
    }
}
