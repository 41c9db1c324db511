using System.CommandLine;
using ZorgfraudeSignalen.Core.Verification;

namespace ZorgfraudeSignalen.App.Cli;

/// <summary>
/// <c>verify RUN_ID</c>: replays a recorded run from its snapshots and configuration and checks that the output is
/// identical; exit code 1 with every cause named when it is not. The check itself is written to the audit log.
/// </summary>
public static class VerifyCommand
{
    public const int ExitDifferent = 1;

    public static Command Create()
    {
        var runId = new Argument<string>("run-id") { Description = "De run die nagespeeld wordt (zie de runs in het portaal of in de auditlog)." };
        var actor = new Option<string>("--door") { Description = "Wie de controle uitvoert (komt in de auditlog).", DefaultValueFactory = _ => Environment.UserName };
        var command = new Command("verify", "Speel een run na uit de vastgelegde snapshots en configuratie en controleer dat de uitvoer identiek is.") { runId, actor };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var result = await new RunVerifier(StoreOption.Open(parse)).VerifyAsync(parse.GetValue(runId)!, parse.GetValue(actor)!, ct);
            foreach (var snapshot in result.Snapshots)
                await output.WriteLineAsync($"snapshot {snapshot.Type,-18} {snapshot.Sha256[..Math.Min(12, snapshot.Sha256.Length)]}  {(snapshot.Intact ? "ongewijzigd" : "AFWIJKEND")}");
            if (result.ReplayedOutputHash is not null)
                await output.WriteLineAsync($"uitvoer vastgelegd {result.RecordedOutputHash}\nuitvoer nagespeeld {result.ReplayedOutputHash}");
            foreach (var note in result.Notes) await output.WriteLineAsync($"let op: {note}");
            if (result.Passed)
            {
                await output.WriteLineAsync($"GELIJK: run {result.RunId} geeft bij naspelen dezelfde risicolijst, details en fairnessrapport.");
                return 0;
            }
            await output.WriteLineAsync($"AFWIJKEND: run {result.RunId}");
            foreach (var problem in result.Problems) await output.WriteLineAsync($"  - {problem}");
            return ExitDifferent;
        });
        return command;
    }
}
