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
}
