using System.Text;
using System.Text.RegularExpressions;

namespace ZorgfraudeSignalen.Core.Storage.Local;

/// <summary>Name rules shared by the local stores; they mirror Azure's so that code that runs locally runs in Azure.</summary>
internal static partial class LocalKeys
{
    [GeneratedRegex("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex ContainerName();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();

    public static string CheckContainer(string name) =>
        ContainerName().IsMatch(name) ? name : throw new ArgumentException($"Invalid container name '{name}'.", nameof(name));

    public static string CheckTable(string name) =>
        TableName().IsMatch(name) ? name : throw new ArgumentException($"Invalid table name '{name}'.", nameof(name));

    /// <summary>Checks a partition or row key against Azure Tables' rules.</summary>
    public static string CheckKey(string key)
    {
        if (key.Length > 1024 || key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
            throw new ArgumentException($"Invalid table key '{key}': at most 1024 characters, none of / \\ # ? or control characters.");
        return key;
    }

    /// <summary>A file name for a key: letters, digits, '-' and '_' stay, everything else becomes %XX of its UTF-8 bytes.</summary>
    public static string Encode(string key)
    {
        var sb = new StringBuilder(key.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_') sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2"));
        }
        return sb.Length == 0 ? "%" : sb.ToString();
    }

    public static string Decode(string encoded) =>
        encoded == "%" ? "" : Uri.UnescapeDataString(encoded);
}
