using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ZorgfraudeSignalen.Portal;

namespace ZorgfraudeSignalen.Functions;

/// <summary>
/// The review portal: one anonymous catch-all HTTP trigger that hands every request to the portal's own ASP.NET
/// Core pipeline (authentication from App Service's principal, role policies, antiforgery, routing). Anonymous
/// at the function level only: App Service authentication turns away anyone not signed in before the request gets
/// here (infra/modules/functionapp.bicep), and the portal checks the roles of everyone who is.
/// </summary>
public sealed class PortalFunction(PortalPipeline portal)
{
    public const string Name = "Portal";

    [Function(Name)]
    public Task RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "{*path}")] HttpRequest request) =>
        portal.HandleAsync(request.HttpContext);
}
