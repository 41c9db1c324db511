namespace ZorgfraudeSignalen.Core.Extracts;

/// <summary>The six extract types of the contract (<c>extracts/{type}/{name}.csv</c>).</summary>
public enum ExtractType
{
    Clienten,
    Aanbieders,
    Toewijzingen,
    PgbOvereenkomsten,
    Declaraties,
    BagAdressen,
}

public static class ExtractTypes
{
    public static readonly IReadOnlyList<ExtractType> All = Enum.GetValues<ExtractType>();

    /// <summary>The type's name in blob paths and reports, as the contract spells it.</summary>
    public static string Name(this ExtractType type) => type switch
    {
        ExtractType.Clienten => "clienten",
        ExtractType.Aanbieders => "aanbieders",
        ExtractType.Toewijzingen => "toewijzingen",
        ExtractType.PgbOvereenkomsten => "pgb_overeenkomsten",
        ExtractType.Declaraties => "declaraties",
        ExtractType.BagAdressen => "bag_adressen",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static bool TryParse(string name, out ExtractType type)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name(), name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }
        type = default;
        return false;
    }
}
