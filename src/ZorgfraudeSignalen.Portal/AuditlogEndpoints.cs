using Microsoft.AspNetCore.Http.HttpResults;
using ZorgfraudeSignalen.Core.Audit;

namespace ZorgfraudeSignalen.Portal;

/// <summary>The auditor's page: is the chain whole, and its latest entries. Read only.</summary>
public static class AuditlogEndpoints
{
    public static void MapAuditlog(this IEndpointRouteBuilder app)
    {
        app.MapGet("/audit", Toon);
    }

    /// <summary>Hashes shortened for reading; the full value is in the title.</summary>
    private static string Kort(string waarde) => waarde.Length > 20 ? waarde[..12] + "…" : waarde;

    private static async Task<ContentHttpResult> Toon(HttpContext ctx, AuditLog log, PortalOptions opties)
    {
        var breuk = await log.VerifyAsync(ctx.RequestAborted);
        var alle = new List<AuditEntry>();
        await foreach (var e in log.ReadAllAsync(ctx.RequestAborted)) alle.Add(e);
        var rijen = alle.TakeLast(300).Reverse().Select(e => Html.H($"""
            <tr><td class="num">{e.Sequence}</td><td class="tijd">{Weergave.Tijd(e.At)}</td><td><span class="code">{e.Action}</span></td><td>{e.Actor}</td><td class="onderwerp">{e.Subject}</td>
            <td class="details">{e.Details.Where(d => d.Value.Length > 0).Select(d => Html.H($"<span title=\"{d.Value}\"><b>{d.Key}</b> {Kort(d.Value)}</span> "))}</td><td class="hash" title="{e.Hash}">{e.Hash[..12]}…</td></tr>
            """));
        var status = breuk is null
            ? Html.H($"<p class=\"melding ok\">De keten is heel: {alle.Count} regels, elke regel verwijst naar de hash van de vorige.</p>")
            : Html.H($"<p class=\"melding fout\">De keten is gebroken: {breuk.ToString()}</p>");
        var inhoud = Html.H($"""
            <h1>Auditlog</h1>{status}
            <p class="sub">Alleen-lezen. Motiveringen staan als hash in het log; de tekst staat bij de beoordeling.</p>
            <table class="tabel"><thead><tr><th>#</th><th>Tijd</th><th>Handeling</th><th>Door</th><th>Onderwerp</th><th>Details</th><th>Hash</th></tr></thead><tbody>{rijen}</tbody></table>
            """);
        return TypedResults.Content(Layout.Pagina(ctx, opties, "Auditlog", inhoud).ToString(), "text/html; charset=utf-8");
    }
}
