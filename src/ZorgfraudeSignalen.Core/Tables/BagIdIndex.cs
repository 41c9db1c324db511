namespace ZorgfraudeSignalen.Core.Tables;

/// <summary>
/// A lookup from BAG identifiers to indices. BAG ids are 16 digits with leading zeros; they are hashed as numbers (with
/// their length, so that <c>0363</c> and <c>363</c> stay apart), which is much cheaper than string keys at national scale.
/// Anything else still works through a string dictionary.
/// </summary>
internal sealed class BagIdIndex(int capacity)
{
    private readonly Dictionary<long, int> _numeric = new(capacity);
    private Dictionary<string, int>? _other;

    public int Count => _numeric.Count + (_other?.Count ?? 0);

    /// <summary>
    /// The id as a number with its length (value × 32 + length); for ids of one length (all BAG ids have 16 digits) the
    /// order of these keys is the ordinal order of the ids.
    /// </summary>
    public static bool TryNumeric(string id, out long key)
    {
        key = 0;
        if (id.Length is 0 or > 17) return false;
        foreach (var ch in id)
        {
            if (ch is < '0' or > '9') return false;
            key = key * 10 + (ch - '0');
        }
        key = key * 32 + id.Length;
        return true;
    }

    /// <summary>The id text of a <see cref="TryNumeric"/> key: the number with its leading zeros.</summary>
    public static string Text(long key) =>
        (key / 32).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft((int)(key % 32), '0');

    public bool TryGetValue(long numericKey, out int value) => _numeric.TryGetValue(numericKey, out value);

    public bool TryGetValue(string id, out int value) =>
        TryNumeric(id, out var key) ? _numeric.TryGetValue(key, out value) : (_other ??= new(StringComparer.Ordinal)).TryGetValue(id, out value);

    public bool TryAdd(string id, int value) => TryAdd(id, value, out _);

    /// <summary>As <see cref="TryAdd(string, int)"/>, and gives the id's <see cref="TryNumeric"/> key (0 when it is not numeric).</summary>
    public bool TryAdd(string id, int value, out long numericKey)
    {
        if (TryNumeric(id, out numericKey)) return _numeric.TryAdd(numericKey, value);
        numericKey = 0;
        return (_other ??= new(StringComparer.Ordinal)).TryAdd(id, value);
    }
}
