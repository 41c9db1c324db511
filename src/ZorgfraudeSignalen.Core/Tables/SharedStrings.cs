namespace ZorgfraudeSignalen.Core.Tables;

/// <summary>One instance per distinct string (streets, toevoegingen): values that repeat over millions of rows are kept once.</summary>
internal sealed class SharedStrings
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);

    public string Of(string value)
    {
        if (_strings.TryGetValue(value, out var shared)) return shared;
        _strings.Add(value, value);
        return value;
    }
}
