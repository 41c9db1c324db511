using Microsoft.AspNetCore.Http.HttpResults;
using ZorgfraudeSignalen.Core.Register;
using ZorgfraudeSignalen.Core.Retention;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Portal;

/// <summary>The auditor's DPIA / IAMA page: the factual parts generated from the configuration in force, the rest marked open. Read only.</summary>
public static class DpiaEndpoints
{
    public static void MapDpia(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dpia", Toon);
    }

    private static async Task<ContentHttpResult> Toon(HttpContext ctx, Store store, PortalOptions opties)
    {
        var bron = (await DpiaSources.FromStoreAsync(store, opties.Leveringen, RetentionSettings.FromEnvironment().GeenAanwijzing, ct: ctx.RequestAborted))!;
        var dpia = DpiaDocument.Generate(bron);
        var secties = dpia.Secties.Select(s => Html.H($"<section class=\"kaart\"><h2>{s.Titel}</h2>{s.Blokken.Select(Blok)}</section>"));
        var inhoud = Html.H($"""
            <div class="dpia">
            <h1>DPIA en IAMA: feitelijke delen</h1>
            <p class="intro">Gegenereerd uit de configuratie van de laatst vastgelegde run (codeversie <span class="code">{dpia.CodeVersie}</span>). Delen met <b>{DpiaDocument.InTeVullenLabel}</b> kan alleen de organisatie schrijven; het systeem vult ze niet in.
            Als Markdown: <span class="code">zfs dpia --uit dpia.md</span>. Uitleg: docs/verantwoording.md.</p>
            {secties}
            </div>
            """);
        return TypedResults.Content(Layout.Pagina(ctx, opties, "DPIA", inhoud).ToString(), "text/html; charset=utf-8");
    }

    private static Html Blok(DpiaBlok blok) => blok switch
    {
        DpiaBlok.Alinea a => Html.H($"<p>{a.Tekst}</p>"),
        DpiaBlok.Opsomming o => Html.H($"<ul>{o.Punten.Select(p => Html.H($"<li>{p}</li>"))}</ul>"),
        DpiaBlok.Tabel t => Html.H($"<table class=\"tabel\"><thead><tr>{t.Kop.Select(k => Html.H($"<th>{k}</th>"))}</tr></thead><tbody>{t.Rijen.Select(r => Html.H($"<tr>{r.Select(c => Html.H($"<td>{c}</td>"))}</tr>"))}</tbody></table>"),
        DpiaBlok.InTeVullen v => Html.H($"<p class=\"intevullen\"><b>{DpiaDocument.InTeVullenLabel}:</b> {v.Vraag}</p>"),
        _ => Html.Leeg,
    };
}
