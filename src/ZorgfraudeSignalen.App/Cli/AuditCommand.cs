using System.CommandLine;
using ZorgfraudeSignalen.Core.Audit;

namespace ZorgfraudeSignalen.App.Cli;

/// <summary>
/// <c>audit verify [--anchor SEQ:HASH]</c>: walks the hash chain and names the first broken link (exit code 1);
/// <c>audit list</c>: prints the entries.
/// </summary>
public static class AuditCommand
{
    public const int ExitBroken = 1;

    public static Command Create()
    {
        var anchor = new Option<string?>("--anchor")
        {
            Description = "Een eerder genoteerde kop (volgnummer:hash) die in de keten moet staan, bijvoorbeeld uit een vorig auditrapport.",
        };
        var verify = new Command("verify", "Controleer de hashketen van het auditlog; noemt de eerste gebroken schakel.") { anchor };
        verify.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            AuditAnchor? expected = null;
            if (parse.GetValue(anchor) is { } text && !AuditAnchor.TryParse(text, out expected))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"--anchor '{text}' is geen volgnummer:sha256.");
                return 2;
            }
            var log = new AuditLog(StoreOption.Open(parse).Tables);
            var broken = await log.VerifyAsync(expected, ct);
            if (broken is not null)
            {
                await output.WriteLineAsync($"GEBROKEN: {broken}");
                return ExitBroken;
            }
            var head = await log.ReadHeadAsync(ct);
            await output.WriteLineAsync(head is null
                ? "Auditlog intact: leeg."
                : $"Auditlog intact: {head.Sequence} regels. Kop (noteer deze buiten het systeem om later te controleren): {head}");
            return 0;
        });

        var list = new Command("list", "Toon de regels van het auditlog.");
        list.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            await foreach (var entry in new AuditLog(StoreOption.Open(parse).Tables).ReadAllAsync(ct))
            {
                var details = string.Join(" ", entry.Details.Select(d => $"{d.Key}={d.Value}"));
                await output.WriteLineAsync($"{entry.Sequence}\t{entry.At:O}\t{entry.Action}\t{entry.Actor}\t{entry.Subject}\t{details}");
            }
            return 0;
        });

        return new Command("audit", "Het auditlog: controleren en inzien.") { verify, list };
    }
}
