using ZorgfraudeSignalen.Core.Review;

namespace ZorgfraudeSignalen.Portal;

/// <summary>How the portal runs: with the platform's authentication (Azure), or in development mode with an identity chosen at start-up.</summary>
public sealed class PortalOptions
{
    /// <summary>Set in development mode only: the identity every request has unless it switches explicitly. Null = platform authentication.</summary>
    public OntwikkelIdentiteit? Ontwikkelmodus { get; init; }

    /// <summary>The municipality's name for page titles.</summary>
    public string Organisatie { get; init; } = "Gemeente";

    /// <summary>Expected cadence per extract type and the row-count change that warrants a warning (page Leveringen).</summary>
    public Core.Deliveries.DeliverySettings Leveringen { get; init; } = Core.Deliveries.DeliverySettings.FromEnvironment();

    /// <summary>
    /// The host names the portal answers to besides the loopback names (<c>localhost</c>, <c>127.0.0.1</c>, <c>[::1]</c>),
    /// e.g. the function app's own name in Azure. A request with any other <c>Host</c> is refused before anything else,
    /// so that a web page on another name cannot reach the portal through DNS rebinding.
    /// </summary>
    public IReadOnlyList<string> Hosts { get; init; } = [];

    /// <summary>The largest request body a portal endpoint reads; larger ones are refused before parsing (413).</summary>
    public long MaximaleVerzoekgrootte { get; init; } = 64 * 1024;

    public bool IsOntwikkelmodus => Ontwikkelmodus is not null;

    /// <summary>Loopback names are always allowed: <c>serve</c> listens only there, and the Functions host calls the handler there.</summary>
    public static readonly IReadOnlyList<string> LoopbackHosts = ["localhost", "127.0.0.1", "[::1]", "::1"];

    /// <summary>
    /// The host names of a deployment from its configuration: App Service's own <c>WEBSITE_HOSTNAME</c> and any
    /// custom domains in <c>PortaalHosts</c> (comma-separated).
    /// </summary>
    public static IReadOnlyList<string> HostsUit(IConfiguration configuratie) =>
        new[] { configuratie["WEBSITE_HOSTNAME"], configuratie["PortaalHosts"] }
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(h => h.Contains(':') && !h.StartsWith('[') ? h[..h.IndexOf(':')] : h)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public bool IsToegestaneHost(string host) =>
        host.Length > 0 && (LoopbackHosts.Contains(host, StringComparer.OrdinalIgnoreCase) || Hosts.Contains(host, StringComparer.OrdinalIgnoreCase));
}

/// <summary>A development identity: a name and one or more of the design's roles.</summary>
public sealed record OntwikkelIdentiteit(string Naam, IReadOnlyList<string> Rollen)
{
    /// <summary>Parses "beoordelaar" or "beoordelaar,tweede_beoordelaar"; refuses unknown roles with a clear message.</summary>
    public static OntwikkelIdentiteit Maak(string naam, string rollen)
    {
        if (string.IsNullOrWhiteSpace(naam)) throw new ArgumentException("Een ontwikkelgebruiker heeft een naam nodig.");
        var lijst = rollen.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => r.ToLowerInvariant().Replace(' ', '_')).Distinct().ToList();
        var onbekend = lijst.Where(r => !Rol.Alle.Contains(r)).ToList();
        if (lijst.Count == 0 || onbekend.Count > 0)
            throw new ArgumentException($"Onbekende rol '{string.Join(", ", onbekend)}'. Kies uit: {string.Join(", ", Rol.Alle)}.");
        return new OntwikkelIdentiteit(naam.Trim(), lijst);
    }
}
