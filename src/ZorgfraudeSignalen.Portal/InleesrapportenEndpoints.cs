using Microsoft.AspNetCore.Http.HttpResults;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Portal;

/// <summary>The data engineer's page: the ingest reports on the store. No signals, no assessments.</summary>
public static class InleesrapportenEndpoints
{
    public static void MapInleesrapporten(this IEndpointRouteBuilder app)
    {
        app.MapGet("/inleesrapporten", Lijst);
        app.MapGet("/inleesrapporten/{*naam}", Toon);
    }

    private static async Task<ContentHttpResult> Lijst(HttpContext ctx, Store store, PortalOptions opties)
    {
        var rapporten = new List<BlobInfo>();
        await foreach (var b in store.Blobs.ListAsync(StoreNames.ReportsContainer, "", ctx.RequestAborted)) rapporten.Add(b);
        var rijen = rapporten.OrderByDescending(r => r.LastModified).Take(500)
            .Select(r => Html.H($"<tr><td><a href=\"/inleesrapporten/{string.Join('/', r.Name.Split('/').Select(Uri.EscapeDataString))}\">{r.Name}</a></td><td>{Weergave.Tijd(r.LastModified)}</td><td class=\"num\">{r.Length}</td></tr>"));
        var inhoud = rapporten.Count == 0
            ? Html.H($"<h1>Inleesrapporten</h1><p>Er zijn nog geen inleesrapporten.</p>")
            : Html.H($"<h1>Inleesrapporten</h1><table class=\"tabel\"><thead><tr><th>Rapport</th><th>Tijd</th><th>Bytes</th></tr></thead><tbody>{rijen}</tbody></table>");
        return TypedResults.Content(Layout.Pagina(ctx, opties, "Inleesrapporten", inhoud).ToString(), "text/html; charset=utf-8");
    }

    private static async Task<Results<ContentHttpResult, NotFound>> Toon(HttpContext ctx, Store store, PortalOptions opties, string naam)
    {
        string tekst;
        try { tekst = await store.Blobs.ReadTextAsync(StoreNames.ReportsContainer, naam, ctx.RequestAborted); }
        catch (Exception e) when (e is BlobNotFoundException or ArgumentException) { return TypedResults.NotFound(); }
        var inhoud = Html.H($"<p class=\"kruimel\"><a href=\"/inleesrapporten\">← Inleesrapporten</a></p><h1>{naam}</h1><pre class=\"rapport\">{tekst}</pre>");
        return TypedResults.Content(Layout.Pagina(ctx, opties, naam, inhoud).ToString(), "text/html; charset=utf-8");
    }
}
