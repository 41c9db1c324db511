using ZorgfraudeSignalen.Core.Review;

namespace ZorgfraudeSignalen.Portal;

/// <summary>The export <c>risicolijst.csv</c> of a run with the current review statuses.</summary>
public static class ExportEndpoints
{
    public static void MapRisicolijstExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/export/{runId}/risicolijst.csv", Export);
    }

    /// <summary>Also served by the API as <c>/api/runs/{runId}/risicolijst.csv</c>.</summary>
    internal static async Task<IResult> Export(HttpContext ctx, PortalData data, string runId)
    {
        var lijst = await data.LijstAsync(runId, ctx.RequestAborted);
        if (lijst is null) return Fouten.NietGevonden($"Run {runId} is niet gepubliceerd.");
        var regels = await data.RegelsAsync(lijst, ctx.RequestAborted);
        await data.Beoordelingen.LogExportAsync(runId, ctx.User.Reviewer(), regels.Count, ctx.RequestAborted);
        return TypedResults.Stream(stream => RisicolijstExport.SchrijfAsync(stream, regels, ctx.RequestAborted),
            "text/csv; charset=utf-8", $"risicolijst-{runId}.csv");
    }
}
