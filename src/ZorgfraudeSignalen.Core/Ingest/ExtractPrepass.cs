using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;

namespace ZorgfraudeSignalen.Core.Ingest;

/// <summary>
/// The first pass over an extract's bytes: the SHA-256 (to recognise content seen before, before any work is
/// done), the encoding (valid UTF-8, with or without BOM, else Windows-1252) and the header line (for the
/// delimiter). A stream that cannot seek is spooled to a temporary file on the way, so nothing is held in memory.
/// </summary>
internal sealed class ExtractPrepass : IAsyncDisposable
{
    public const string Utf8 = "UTF-8";
    public const string Utf8Bom = "UTF-8 met BOM";
    public const string Windows1252 = "Windows-1252";

    public required string Sha256 { get; init; }
    public required long Length { get; init; }
    public required string EncodingName { get; init; }
    public required byte[] Head { get; init; }
    /// <summary>Opens the content again from its start (the original stream rewound, or the spooled copy).</summary>
    public required Func<Stream> Reopen { get; init; }

    /// <summary>UTF-16 or UTF-32 (little or big endian), recognised by a BOM or, without one, by the pattern of zero bytes.</summary>
    public Encoding? WideEncoding => DetectWide(Head);

    /// <summary>The name of a wide encoding for a report: UTF-16 LE/BE or UTF-32 LE/BE.</summary>
    public static string WideName(Encoding encoding) => encoding switch
    {
        UTF32Encoding => encoding.CodePage == 12000 ? "UTF-32 (little endian)" : "UTF-32 (big endian)",
        _ => encoding.CodePage == 1200 ? "UTF-16 (little endian)" : "UTF-16 (big endian)",
    };
    private string? _spool;

    static ExtractPrepass() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Windows1252Encoding => Encoding.GetEncoding(1252);

    /// <summary>The encoding CsvHelper reads with: null = UTF-8 (a BOM is skipped), else Windows-1252 transcoded to UTF-8.</summary>
    public Encoding? CsvEncoding => EncodingName == Windows1252 ? Windows1252Encoding : null;

    public static async Task<ExtractPrepass> RunAsync(Stream content, string? tempFolder, Action<long>? progress, CancellationToken ct)
    {
        var start = content.CanSeek ? content.Position : 0;
        string? spool = null;
        FileStream? spoolStream = null;
        if (!content.CanSeek)
        {
            spool = Path.Combine(tempFolder ?? Path.GetTempPath(), "zfs-ingest-" + Guid.NewGuid().ToString("N") + ".csv");
            spoolStream = new FileStream(spool, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        }
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[1 << 20];
            var carry = 0; // bytes of an unfinished UTF-8 sequence kept at the start of the buffer
            var validUtf8 = true;
            long length = 0;
            byte[]? head = null;
            while (true)
            {
                var n = await content.ReadAsync(buffer.AsMemory(carry, buffer.Length - carry), ct);
                if (n == 0) break;
                hash.AppendData(buffer, carry, n);
                if (spoolStream is not null) await spoolStream.WriteAsync(buffer.AsMemory(carry, n), ct);
                head ??= buffer.AsSpan(carry, Math.Min(n, 1 << 16)).ToArray();
                length += n;
                progress?.Invoke(length);
                if (validUtf8) (validUtf8, carry) = CheckUtf8(buffer, carry + n);
            }
            if (carry > 0) validUtf8 = false; // ends inside a multi-byte sequence
            head ??= [];
            if (spoolStream is not null) { await spoolStream.DisposeAsync(); spoolStream = null; }
            else content.Position = start;

            var spooled = spool;
            var bom = head.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
            var prepass = new ExtractPrepass
            {
                Sha256 = Convert.ToHexStringLower(hash.GetHashAndReset()),
                Length = length,
                EncodingName = validUtf8 ? (bom ? Utf8Bom : Utf8) : Windows1252,
                Head = head,
                Reopen = spooled is null
                    ? () => { content.Position = start; return new NonClosingStream(content); }
                    : () => new FileStream(spooled, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan),
                _spool = spooled,
            };
            spool = null;
            return prepass;
        }
        finally
        {
            if (spoolStream is not null) await spoolStream.DisposeAsync();
            if (spool is not null) File.Delete(spool);
        }
    }

    /// <summary>Validates the complete sequences of the buffer and moves an unfinished one to its start.</summary>
    private static (bool Valid, int Carry) CheckUtf8(byte[] buffer, int length)
    {
        var all = buffer.AsSpan(0, length);
        var complete = CompletePrefix(all);
        var valid = System.Text.Unicode.Utf8.IsValid(all[..complete]);
        all[complete..].CopyTo(buffer);
        return (valid, length - complete);
    }

    /// <summary>The length of the prefix that ends at a UTF-8 sequence boundary (at most 3 bytes are held back).</summary>
    private static int CompletePrefix(ReadOnlySpan<byte> s)
    {
        for (var k = 1; k <= 3 && k <= s.Length; k++)
        {
            var b = s[^k];
            if ((b & 0xC0) == 0x80) continue; // continuation byte: look further back
            var needed = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > k ? s.Length - k : s.Length;
        }
        return s.Length;
    }

    /// <summary>
    /// UTF-32 or UTF-16 from their BOM, or from where the zero bytes fall in the first 64 KB: text in these encodings
    /// has a zero in (nearly) every other byte, or three in every four, at fixed places; UTF-8 and Windows-1252 text has none.
    /// </summary>
    internal static Encoding? DetectWide(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0])) return new UTF32Encoding(bigEndian: false, byteOrderMark: true);
        if (head.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF])) return new UTF32Encoding(bigEndian: true, byteOrderMark: true);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return Encoding.Unicode;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return Encoding.BigEndianUnicode;
        var n = head.Length & ~3;
        if (n < 8) return null;
        Span<int> zeros = stackalloc int[4];
        for (var i = 0; i < n; i++) if (head[i] == 0) zeros[i & 3]++;
        var quarter = n / 4;
        bool Mostly(int count) => count >= quarter * 0.9;
        bool Few(int count) => count <= quarter * 0.1;
        if (Few(zeros[0]) && Mostly(zeros[1]) && Mostly(zeros[2]) && Mostly(zeros[3])) return new UTF32Encoding(bigEndian: false, byteOrderMark: true);
        if (Mostly(zeros[0]) && Mostly(zeros[1]) && Mostly(zeros[2]) && Few(zeros[3])) return new UTF32Encoding(bigEndian: true, byteOrderMark: true);
        if (Few(zeros[0]) && Few(zeros[2]) && Mostly(zeros[1]) && Mostly(zeros[3])) return Encoding.Unicode;
        if (Mostly(zeros[0]) && Mostly(zeros[2]) && Few(zeros[1]) && Few(zeros[3])) return Encoding.BigEndianUnicode;
        return null;
    }

    /// <summary>Decodes the whole file in its wide encoding and looks for a field that is a BSN (fields split on ; , tab and line breaks).</summary>
    public async Task<bool> WideTextHoldsBsnAsync(CancellationToken ct)
    {
        var encoding = WideEncoding ?? throw new InvalidOperationException("not a UTF-16 or UTF-32 file");
        using var reader = new StreamReader(Reopen(), encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        while (await reader.ReadLineAsync(ct) is { } line)
            foreach (var field in line.Split([';', ',', '\t']))
                if (FieldRules.IsBsn(field.Trim().Trim('"', '\uFEFF').Trim())) return true;
        return false;
    }

    /// <summary>The delimiter: ';' or ',', whichever occurs more often outside quotes in the header line (';' on a tie).</summary>
    public char DetectDelimiter()
    {
        int semicolons = 0, commas = 0;
        var quoted = false;
        foreach (var b in Head)
        {
            if (b == '"') quoted = !quoted;
            else if (!quoted && (b == '\n' || b == '\r')) break;
            else if (!quoted && b == ';') semicolons++;
            else if (!quoted && b == ',') commas++;
        }
        return commas > semicolons ? ',' : ';';
    }

    public async ValueTask DisposeAsync()
    {
        if (_spool is not null)
        {
            try { File.Delete(_spool); } catch (IOException) { }
        }
        await Task.CompletedTask;
    }
}

/// <summary>Lets a reader dispose what it reads without closing the caller's stream.</summary>
internal sealed class NonClosingStream(Stream inner) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => inner.Length;
    public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
    public override int Read(Span<byte> buffer) => inner.Read(buffer);
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => inner.ReadAsync(buffer, ct);
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>Counts the bytes read through it, for progress.</summary>
internal sealed class CountingStream(Stream inner, Action<long>? onProgress) : Stream
{
    private long _read, _reported;
    public long BytesRead => _read;
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));
    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => Count(await inner.ReadAsync(buffer, ct));
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    private int Count(int n)
    {
        _read += n;
        if (onProgress is not null && _read - _reported >= 1 << 22) { _reported = _read; onProgress(_read); }
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    protected override void Dispose(bool disposing) { if (disposing) inner.Dispose(); base.Dispose(disposing); }
}
