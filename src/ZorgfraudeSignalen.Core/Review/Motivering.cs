using System.Globalization;

namespace ZorgfraudeSignalen.Core.Review;

/// <summary>
/// The rule for a substantive rationale. A rationale is what a later reader (a colleague, an auditor, a court)
/// relies on, so it must say something: at least <see cref="MinimumTekens"/> characters after trimming, at least
/// <see cref="MinimumWoorden"/> words of two or more letters of which at least <see cref="MinimumVerschillendeWoorden"/>
/// differ, at least <see cref="MinimumVerschillendeLetters"/> different letters (so "aaaa aaaa ..." or
/// "test test test" does not pass), and at most <see cref="MaximumTekens"/> characters (every step of a run's assessment is stored in one table row, and Azure Tables holds at most 32K characters per value).
/// </summary>
public static class Motivering
{
    public const int MinimumTekens = 40;
    public const int MinimumWoorden = 6;
    public const int MinimumVerschillendeWoorden = 5;
    public const int MinimumVerschillendeLetters = 10;
    public const int MaximumTekens = 2000;

    public static string Regel =>
        $"Een motivering is verplicht en inhoudelijk: minstens {MinimumTekens} tekens en {MinimumWoorden} woorden " +
        $"(waarvan {MinimumVerschillendeWoorden} verschillende), geen herhaalde tekens of woorden, hoogstens {MaximumTekens} tekens.";

    /// <summary>Returns null when the rationale passes, else a Dutch sentence that says what is missing.</summary>
    public static string? Controleer(string? motivering)
    {
        var tekst = (motivering ?? "").Trim();
        if (tekst.Length == 0) return "De motivering ontbreekt. " + Regel;
        if (tekst.Length > MaximumTekens) return $"De motivering is te lang ({tekst.Length} tekens, hoogstens {MaximumTekens}).";
        if (tekst.Length < MinimumTekens) return $"De motivering is te kort ({tekst.Length} tekens, minstens {MinimumTekens}). " + Regel;
        var woorden = Woorden(tekst);
        if (woorden.Count < MinimumWoorden) return $"De motivering heeft te weinig woorden ({woorden.Count}, minstens {MinimumWoorden}). " + Regel;
        var verschillend = woorden.Select(w => w.ToLower(CultureInfo.InvariantCulture)).Distinct().Count();
        if (verschillend < MinimumVerschillendeWoorden) return $"De motivering herhaalt steeds dezelfde woorden ({verschillend} verschillende, minstens {MinimumVerschillendeWoorden}). " + Regel;
        var letters = tekst.Where(char.IsLetter).Select(char.ToLowerInvariant).Distinct().Count();
        if (letters < MinimumVerschillendeLetters) return $"De motivering bestaat uit te weinig verschillende letters ({letters}); schrijf op wat u heeft gezien en waarom. " + Regel;
        return null;
    }

    /// <summary>Words of at least two letters: numbers and punctuation alone do not count as words.</summary>
    private static List<string> Woorden(string tekst)
    {
        var woorden = new List<string>();
        var start = -1;
        for (var i = 0; i <= tekst.Length; i++)
        {
            var isLetter = i < tekst.Length && (char.IsLetter(tekst[i]) || (start >= 0 && (tekst[i] == '-' || tekst[i] == '\'')));
            if (isLetter && start < 0) start = i;
            else if (!isLetter && start >= 0)
            {
                var woord = tekst[start..i].Trim('-', '\'');
                if (woord.Count(char.IsLetter) >= 2) woorden.Add(woord);
                start = -1;
            }
        }
        return woorden;
    }
}
