using System.Text;

namespace ZorgfraudeSignalen.Core.Verification;

/// <summary>One difference between a recorded risk list and its replay: a provider's field, or a provider present in one only.</summary>
public sealed record RiskListDifference(string AanbiederId, string Field, string? Recorded, string? Replayed)
{
    public override string ToString() => Field switch
    {
        "rij" when Recorded is null => $"{AanbiederId}: only in the replay",
        "rij" => $"{AanbiederId}: missing from the replay",
        _ => $"{AanbiederId}: {Field} recorded '{Recorded}', replayed '{Replayed}'",
    };
}

/// <summary>Compares two <c>risicolijst.csv</c> files field by field, keyed on <c>aanbieder_id</c>.</summary>
public static class RiskListDiff
{
    public static IReadOnlyList<RiskListDifference> Compare(byte[] recorded, byte[] replayed)
    {
        var before = Parse(recorded);
        var after = Parse(replayed);
        var differences = new List<RiskListDifference>();
        foreach (var id in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            if (!after.TryGetValue(id, out var b)) { differences.Add(new(id, "rij", "aanwezig", null)); continue; }
            if (!before.TryGetValue(id, out var a)) { differences.Add(new(id, "rij", null, "aanwezig")); continue; }
            foreach (var field in a.Keys.Union(b.Keys).Order(StringComparer.Ordinal))
            {
                var x = a.GetValueOrDefault(field);
                var y = b.GetValueOrDefault(field);
                if (!string.Equals(x, y, StringComparison.Ordinal)) differences.Add(new(id, field, x, y));
            }
        }
        return differences;
    }

    private static Dictionary<string, Dictionary<string, string>> Parse(byte[] csv)
    {
        var records = Records(new UTF8Encoding(false).GetString(csv).TrimStart('\uFEFF'));
        var rows = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        if (records.Count == 0) return rows;
        var header = records[0];
        var idColumn = header.IndexOf("aanbieder_id");
        foreach (var record in records.Skip(1))
        {
            var key = idColumn >= 0 && idColumn < record.Count ? record[idColumn] : $"#{rows.Count + 1}";
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++) fields[header[i]] = i < record.Count ? record[i] : "";
            rows[key] = fields;
        }
        return rows;
    }

    /// <summary>RFC 4180 records with ';' as separator, as <see cref="RiskList.RiskListCsv"/> writes them.</summary>
    private static List<List<string>> Records(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ';') { record.Add(field.ToString()); field.Clear(); }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
            }
            else field.Append(c);
        }
        if (field.Length > 0 || record.Count > 0) { record.Add(field.ToString()); records.Add(record); }
        return records;
    }
}
