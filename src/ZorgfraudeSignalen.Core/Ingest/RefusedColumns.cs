using ZorgfraudeSignalen.Core.Extracts;

namespace ZorgfraudeSignalen.Core.Ingest;

/// <summary>
/// Data minimisation: columns that carry protected or needless personal data are refused in every extract. A file
/// with one is quarantined and its content is not kept. Names are compared ignoring case, spaces, '_', '-' and '.'.
/// </summary>
public static class RefusedColumns
{
    private static readonly HashSet<string> Always = new(StringComparer.Ordinal)
    {
        // identifying numbers
        "bsn", "burgerservicenummer", "sofinummer", "sofi", "anummer", "administratienummer", "paspoortnummer", "documentnummer", "iban",
        // protected attributes and their proxies
        "geboortedatum", "geboortejaar", "geboorteplaats", "geboorteland", "leeftijd", "geslacht", "gender", "sekse",
        "nationaliteit", "etniciteit", "afkomst", "herkomst", "herkomstland", "migratieachtergrond", "religie", "geloof", "godsdienst",
        "burgerlijkestaat", "seksuelegeaardheid", "gezondheid", "diagnose", "handicap", "beperking",
        // names and contact details of persons
        "voornaam", "voornamen", "voorletters", "achternaam", "geslachtsnaam", "tussenvoegsel", "roepnaam", "clientnaam",
        "naamclient", "bestuurdernaam", "bestuurdersnaam", "bestuurders", "telefoon", "telefoonnummer", "mobiel", "mobielnummer",
        "email", "emailadres", "mail",
    };

    /// <summary>The field 'naam' is the provider's name in aanbieders; anywhere else it would name a person.</summary>
    private static readonly HashSet<string> NameOfAPerson = new(StringComparer.Ordinal) { "naam", "volledigenaam" };

    public static string Normalise(string column)
    {
        Span<char> buffer = stackalloc char[Math.Min(column.Length, 256)];
        var n = 0;
        foreach (var c in column.AsSpan(0, Math.Min(column.Length, 256)))
            if (c is not ('_' or '-' or ' ' or '.' or '\t')) buffer[n++] = char.ToLowerInvariant(c);
        return new string(buffer[..n]);
    }

    /// <summary>Every refused column name (normalised), for the DPIA; 'naam' and 'volledigenaam' are allowed in aanbieders only.</summary>
    public static IReadOnlyList<string> AlleNamen => [.. Always.Concat(NameOfAPerson).Order(StringComparer.Ordinal)];

    public static bool IsRefused(ExtractType type, string column)
    {
        var key = Normalise(column);
        return Always.Contains(key) || (type != ExtractType.Aanbieders && NameOfAPerson.Contains(key));
    }
}
