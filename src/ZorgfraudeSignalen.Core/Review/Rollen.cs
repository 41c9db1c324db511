namespace ZorgfraudeSignalen.Core.Review;

/// <summary>
/// The roles of the design, as the role values the platform's authentication hands out (Entra app roles).
/// A person may hold more than one; the four-eyes rule is about persons, not roles.
/// </summary>
public static class Rol
{
    /// <summary>Wmo quality staff: read the risk list and evidence, record assessments.</summary>
    public const string Beoordelaar = "beoordelaar";
    /// <summary>Confirms or rejects an escalation; must be a different person from the one who proposed it.</summary>
    public const string TweedeBeoordelaar = "tweede_beoordelaar";
    /// <summary>Drops extracts and reads ingest reports; sees no assessments.</summary>
    public const string DataEngineer = "data_engineer";
    /// <summary>Reads model runs, the audit chain and fairness reports; changes nothing.</summary>
    public const string Auditor = "auditor";

    public static readonly IReadOnlyList<string> Alle = [Beoordelaar, TweedeBeoordelaar, DataEngineer, Auditor];

    public static string Omschrijving(string rol) => rol switch
    {
        Beoordelaar => "beoordelaar",
        TweedeBeoordelaar => "tweede beoordelaar",
        DataEngineer => "data engineer",
        Auditor => "auditor",
        _ => rol,
    };
}

/// <summary>Who acts: a stable id (the platform's object id, or the development user), a display name and the roles.</summary>
public sealed record Reviewer(string Id, string Naam, IReadOnlyCollection<string> Rollen)
{
    public bool Heeft(string rol) => Rollen.Contains(rol);

    /// <summary>Whether this reviewer is the person behind <paramref name="id"/>, however either id is spelled.</summary>
    public bool IsZelfde(string id) => PersoonsId.Zelfde(Id, id);
}

/// <summary>
/// The one identity rule of the four-eyes principle: a person is their normalised id. A platform id is the Entra
/// object id (<c>oid</c>), a GUID: compared as a GUID, whatever its case, spaces or braces. A development id
/// (<c>dev:</c> and a name) is the name trimmed, its inner white space collapsed and case-folded. Ids are stored
/// normalised and compared normalised, so that ids recorded before this rule still match.
/// </summary>
public static class PersoonsId
{
    public const string OntwikkelPrefix = "dev:";

    public static string Normaliseer(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.StartsWith(OntwikkelPrefix, StringComparison.OrdinalIgnoreCase))
            return OntwikkelPrefix + Naam(id[OntwikkelPrefix.Length..]);
        var zonderWit = string.Concat(id.Where(c => !char.IsWhiteSpace(c)));
        return Guid.TryParse(zonderWit, out var guid) ? guid.ToString("D") : Naam(id);
    }

    /// <summary>The development id of a name: <c>dev:</c> and the normalised name.</summary>
    public static string VanOntwikkelnaam(string naam) => OntwikkelPrefix + Naam(naam);

    public static bool Zelfde(string a, string b) => string.Equals(Normaliseer(a), Normaliseer(b), StringComparison.Ordinal);

    /// <summary>Trimmed, inner white space as one space, compatibility-normalised (so a full-width letter is the letter) and lower case.</summary>
    private static string Naam(string naam) =>
        string.Join(' ', naam.Normalize(System.Text.NormalizationForm.FormKC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .ToLowerInvariant();
}
