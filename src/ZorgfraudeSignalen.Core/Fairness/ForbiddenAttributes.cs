using System.Text;

namespace ZorgfraudeSignalen.Core.Fairness;

/// <summary>How a forbidden term is matched against the words of a feature's name.</summary>
public enum TermMatch
{
    /// <summary>The term occurs anywhere in the name (long, unambiguous terms: <c>leeftijd</c>, <c>nationaliteit</c>).</summary>
    Anywhere,
    /// <summary>A word of the name starts with the term (<c>wijk</c> matches <c>wijkcode</c>, not <c>afwijking</c>).</summary>
    WordStart,
    /// <summary>A word of the name is the term (<c>age</c>, <c>pc4</c>).</summary>
    Word,
}

/// <summary>An attribute the model must not use, directly or through an obvious proxy, and why.</summary>
public sealed record ForbiddenAttribute(string Term, TermMatch Match, string Attribute, string Reason);

/// <summary>
/// The attributes no model feature may carry: protected characteristics (Grondwet art. 1, Awgb, AVG art. 9) and
/// the proxies that stood in for them in Dutch cases (nationality in the toeslagenaffaire, postcode areas in
/// SyRI). docs/fairness.md gives the list with its reasons; a change here changes the document and the tests.
/// </summary>
public static class ForbiddenAttributes
{
    private const string Protected = "beschermd kenmerk (Grondwet art. 1, Awgb)";
    private const string Special = "bijzonder persoonsgegeven (AVG art. 9)";
    private const string Location = "woongebied als zodanig: proxy voor afkomst en inkomen (SyRI-uitspraak)";
    private const string Income = "sociaaleconomische positie: proxy voor afkomst, geen aanwijzing voor zorgfraude";
    private const string Identity = "direct identificerend: dataminimalisatie (AVG art. 5)";

    public static readonly IReadOnlyList<ForbiddenAttribute> All =
    [
        new("geboortedatum", TermMatch.Anywhere, "leeftijd", Protected),
        new("geboortejaar", TermMatch.Anywhere, "leeftijd", Protected),
        new("leeftijd", TermMatch.Anywhere, "leeftijd", Protected),
        new("birth", TermMatch.Anywhere, "leeftijd", Protected),
        new("age", TermMatch.Word, "leeftijd", Protected),
        new("geslacht", TermMatch.Anywhere, "geslacht", Protected),
        new("gender", TermMatch.Anywhere, "geslacht", Protected),
        new("sex", TermMatch.Word, "geslacht", Protected),
        new("nationaliteit", TermMatch.Anywhere, "nationaliteit", Protected),
        new("nationality", TermMatch.Anywhere, "nationaliteit", Protected),
        new("geboorteland", TermMatch.Anywhere, "afkomst", Protected),
        new("herkomst", TermMatch.Anywhere, "afkomst", Protected),
        new("afkomst", TermMatch.Anywhere, "afkomst", Protected),
        new("migratie", TermMatch.Anywhere, "afkomst", Protected),
        new("etnisch", TermMatch.Anywhere, "etniciteit", Special),
        new("etniciteit", TermMatch.Anywhere, "etniciteit", Special),
        new("ethnic", TermMatch.Anywhere, "etniciteit", Special),
        new("taal", TermMatch.WordStart, "taal", "proxy voor afkomst"),
        new("language", TermMatch.Anywhere, "taal", "proxy voor afkomst"),
        new("religie", TermMatch.Anywhere, "religie", Special),
        new("godsdienst", TermMatch.Anywhere, "religie", Special),
        new("geloof", TermMatch.WordStart, "religie", Special),
        new("diagnose", TermMatch.Anywhere, "gezondheid", Special),
        new("burgerlijk", TermMatch.Anywhere, "burgerlijke staat", Protected),
        new("postcode", TermMatch.Anywhere, "woongebied", Location),
        new("pc4", TermMatch.Word, "woongebied", Location),
        new("pc6", TermMatch.Word, "woongebied", Location),
        new("wijk", TermMatch.WordStart, "woongebied", Location),
        new("buurt", TermMatch.WordStart, "woongebied", Location),
        new("stadsdeel", TermMatch.Anywhere, "woongebied", Location),
        new("woonplaats", TermMatch.Anywhere, "woongebied", Location),
        new("inkomen", TermMatch.Anywhere, "inkomen", Income),
        new("income", TermMatch.Anywhere, "inkomen", Income),
        new("vermogen", TermMatch.WordStart, "inkomen", Income),
        new("uitkering", TermMatch.Anywhere, "inkomen", Income),
        new("schuld", TermMatch.WordStart, "inkomen", Income),
        new("woz", TermMatch.Word, "inkomen", Income),
        new("opleiding", TermMatch.Anywhere, "opleiding", Income),
        new("bsn", TermMatch.Word, "identiteit", Identity),
    ];

    /// <summary>The forbidden attributes a feature name matches, by its words (split at non-letters/digits and at camel case).</summary>
    public static IReadOnlyList<ForbiddenAttribute> Matches(string featureName)
    {
        var words = Words(featureName);
        var whole = string.Concat(words);
        return All.Where(f => f.Match switch
        {
            TermMatch.Anywhere => whole.Contains(f.Term, StringComparison.Ordinal),
            TermMatch.WordStart => words.Any(w => w.StartsWith(f.Term, StringComparison.Ordinal)),
            _ => words.Contains(f.Term),
        }).ToList();
    }

    internal static IReadOnlyList<string> Words(string name)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                continue;
            }
            if (char.IsUpper(c) && current.Length > 0 && i > 0 && char.IsLower(name[i - 1])) Flush(); // camelCase boundary
            current.Append(char.ToLowerInvariant(c));
        }
        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0) words.Add(current.ToString());
            current.Clear();
        }
    }
}
