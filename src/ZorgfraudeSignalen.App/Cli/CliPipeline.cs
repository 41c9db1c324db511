using System.CommandLine;
using System.Globalization;
using ZorgfraudeSignalen.Core.Audit;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Storage.Local;
using ZorgfraudeSignalen.Core.Run;

namespace ZorgfraudeSignalen.App.Cli;

/// <summary>
/// What happens around every verb: recovery of the store first (it reports what it did on the error stream), then
/// the verb; an I/O error (a full disk, a folder that cannot be written) becomes a Dutch message, a short report and
/// exit code 3 instead of a stack trace. The exit codes of the tool (docs/ingest.md, docs/verantwoording.md):
/// 0 = done; 1 = verify or audit verify found a difference; 2 = an extract quarantined or refused, or wrong input on the
/// command line; 3 = an I/O error; 4 = a snapshot in force is damaged or missing (the run was refused).
/// </summary>
public static class CliPipeline
{
    public const int ExitIoError = 3;
    public const int ExitDamagedSnapshot = 4;

    public static async Task<int> InvokeAsync(RootCommand root, string[] args, InvocationConfiguration? configuration = null)
    {
        configuration ??= new InvocationConfiguration();
        configuration.EnableDefaultExceptionHandler = false;
        var error = configuration.Error;
        var parse = root.Parse(args);
        var verb = string.Join(' ', parse.CommandResult.Command.Parents.OfType<Command>().Reverse().Skip(1).Select(c => c.Name).Append(parse.CommandResult.Command.Name));
        var storeRoot = parse.GetValue(StoreOption.Instance) is { Length: > 0 } given ? given : LocalStore.DefaultRoot;
        try
        {
            if (parse.Errors.Count == 0 && parse.CommandResult.Command != root && Directory.Exists(storeRoot))
            {
                var recovery = await new Recovery(LocalStore.Open(storeRoot)).RunAsync();
                foreach (var action in recovery.Actions) await error.WriteLineAsync($"herstel: {action}");
            }
            return await parse.InvokeAsync(configuration);
        }
        catch (SnapshotDamagedException e)
        {
            await error.WriteLineAsync(e.Message);
            return ExitDamagedSnapshot;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync(IoReport(verb, storeRoot, e));
            return ExitIoError;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await error.WriteLineAsync($"Onverwachte fout bij '{verb}': {e}");
            return 1; // as System.CommandLine's own handler did
        }
    }

    /// <summary>Whether an exception is the operating system's 'disk full' (ENOSPC on Linux; ERROR_DISK_FULL or ERROR_HANDLE_DISK_FULL on Windows).</summary>
    public static bool IsDiskFull(Exception e) =>
        e is IOException && (e.HResult == 28 || (e.HResult & 0xFFFF) is 0x70 or 0x27 || e.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase));

    /// <summary>The message and the report of an I/O error: what failed, what it means for the store, what to do.</summary>
    internal static string IoReport(string verb, string storeRoot, Exception e)
    {
        var what = IsDiskFull(e)
            ? "De schijf is vol: er kon niet worden geschreven."
            : e is UnauthorizedAccessException ? "Geen toegang: een bestand of map kon niet worden gelezen of geschreven." : "Lezen of schrijven is mislukt.";
        var lines = new List<string>
        {
            $"FOUT bij '{verb}': {what}",
            "Er is niets half zichtbaar geworden: wat deze opdracht niet kon afronden, ruimt het herstel op bij de volgende opdracht " +
            "(of maakt het af als het al zichtbaar was). Maak ruimte vrij of herstel de toegang en voer de opdracht opnieuw uit.",
            "",
            "Storingsrapport",
            $"  opdracht:   {verb}",
            $"  tijd:       {DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC",
            $"  opslag:     {Path.GetFullPath(storeRoot)}",
            $"  fout:       {e.GetType().Name}: {e.Message}",
        };
        try
        {
            var folder = Path.Combine(storeRoot, "storingen");
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, $"{DateTimeOffset.UtcNow:yyyyMMdd'T'HHmmssfff'Z'}.txt");
            File.WriteAllLines(path, lines);
            lines.Add($"  rapport:    {path}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            lines.Add("  rapport:    kon niet worden bewaard (de opslag is niet beschrijfbaar); bewaar deze uitvoer");
        }
        return string.Join(Environment.NewLine, lines);
    }
}
