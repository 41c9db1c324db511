using System.Security.Cryptography;
using System.Text;

namespace ZorgfraudeSignalen.Core.Storage;

/// <summary>The SHA-256 of content as lower-case hex: how snapshots, outputs, label sets and models are named and checked.</summary>
public static class ContentHash
{
    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The hash of the text's UTF-8 bytes.</summary>
    public static string Sha256(string text) => Sha256(Encoding.UTF8.GetBytes(text));
}
