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

    public bool IsOntwikkelmodus => Ontwikkelmodus is not null;
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
