using System.CommandLine;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Retention;

namespace ZorgfraudeSignalen.App.Cli;

/// <summary>
/// <c>purge [--bewaartermijn DAGEN]</c>: removes client-level evidence of signals closed as geen_aanwijzing longer
/// ago than the retention period (default 180 days, or ZFS_BEWAARTERMIJN_DAGEN), and deletes snapshots that were
/// superseded longer ago than that period and that no run refers to. Meant for a daily schedule.
/// </summary>
public static class PurgeCommand
{
    public static Command Create()
    {
        var days = new Option<int?>("--bewaartermijn") { Description = "Dagen na de afsluitende beoordeling (standaard 180 of ZFS_BEWAARTERMIJN_DAGEN)." };
        var actor = new Option<string>("--door") { Description = "Wie of wat opschoont (komt in de auditlog).", DefaultValueFactory = _ => "bewaartermijn" };
        var command = new Command("purge", "Verwijder na de bewaartermijn bewijs op cliëntniveau van signalen die als geen_aanwijzing zijn afgesloten, en vervangen snapshots waar geen run naar verwijst.") { days, actor };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(days) is < 0)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("--bewaartermijn moet 0 of meer dagen zijn.");
                return 2;
            }
            var settings = parse.GetValue(days) is { } d ? new RetentionSettings(TimeSpan.FromDays(d)) : RetentionSettings.FromEnvironment();
            var store = StoreOption.Open(parse);
            var report = await new EvidencePurge(store).PurgeAsync(await ClosedSignals.GeenAanwijzingAsync(store, ct), settings, parse.GetValue(actor)!, ct);
            var output = parse.InvocationConfiguration.Output;
            foreach (var p in report.Purged)
                await output.WriteLineAsync($"opgeschoond: {p.RunId} {p.AanbiederId}: {p.ClientVerwijzingen} cliëntverwijzingen, {p.Panden + p.ClusterPanden} panden");
            await output.WriteLineAsync($"{report.Purged.Count} signalen opgeschoond; {report.NotYetDue} nog binnen de bewaartermijn ({settings.GeenAanwijzing.TotalDays:0} dagen); {report.AlreadyPurged} eerder opgeschoond.");

            var snapshots = await new SnapshotPurge(store).PurgeAsync(settings, parse.GetValue(actor)!, ct);
            foreach (var s in snapshots.Deleted)
                await output.WriteLineAsync($"snapshot verwijderd: {s.Type.Name()} {s.Sha256} (vervangen op {s.VervangenOp:yyyy-MM-dd})");
            await output.WriteLineAsync($"{snapshots.Deleted.Count} vervangen snapshots verwijderd; {snapshots.NotYetDue} nog binnen de bewaartermijn; {snapshots.Referenced} nog nodig voor een bewaarde run.");
            return 0;
        });
        return command;
    }
}
