using System.Globalization;
using System.Text.RegularExpressions;
using ZorgfraudeSignalen.Core.Extracts;

namespace ZorgfraudeSignalen.Core.Ingest;

/// <summary>What a path or blob name says about an extract: its type (<c>.../{type}/{name}.csv</c>) and its extract date.</summary>
public static partial class ExtractPaths
{
    /// <summary>
    /// The type of an extract from its path or blob name: the folder that holds the file is the type
    /// (<c>extracts/declaraties/declaraties_20250115.csv</c>). Works with '/' and '\' separators.
    /// </summary>
    public static bool TryGetType(string path, out ExtractType type)
    {
        var parts = path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length >= 2 && ExtractTypes.TryParse(parts[^2], out type)) return true;
        type = default;
        return false;
    }

    public static ExtractType GetType(string path) =>
        TryGetType(path, out var type)
            ? type
            : throw new ArgumentException($"'{path}' ligt niet in een map met de naam van een extracttype ({string.Join(", ", ExtractTypes.All.Select(t => t.Name()))}).", nameof(path));

    [GeneratedRegex(@"(?<![0-9])(?<y>(19|20)[0-9]{2})(?<sep>-?)(?<m>[0-9]{2})\k<sep>(?<d>[0-9]{2})(?![0-9])")]
    private static partial Regex DateInName();

    /// <summary>The <c>yyyyMMdd</c> or <c>yyyy-MM-dd</c> date in a file name (the first valid one), if any.</summary>
    public static DateOnly? DateFromName(string sourceName)
    {
        var name = Path.GetFileName(sourceName.Replace('\\', '/'));
        foreach (Match m in DateInName().Matches(name))
        {
            var y = int.Parse(m.Groups["y"].ValueSpan, CultureInfo.InvariantCulture);
            var mo = int.Parse(m.Groups["m"].ValueSpan, CultureInfo.InvariantCulture);
            var d = int.Parse(m.Groups["d"].ValueSpan, CultureInfo.InvariantCulture);
            if (mo is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, mo)) return new DateOnly(y, mo, d);
        }
        return null;
    }
}
