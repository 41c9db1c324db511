using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using ZorgfraudeSignalen.Core.Extracts;

namespace ZorgfraudeSignalen.Core.Ingest;

/// <summary>
/// The canonical binary form of an accepted snapshot: a header (<c>ZFSNAP01</c>, the type), then each row as a
/// 0x01 marker and its fields, then a 0x00 marker and the row count. Fields: strings as a varint length and UTF-8
/// (nullable: length + 1, 0 = null), integers as varints, dates as day numbers, decimals as a scale byte and a
/// zigzag varint of the unscaled value, codes as one byte. Compact and read back without parsing text.
/// </summary>
internal static class SnapshotFormat
{
    /// <summary>Reads the rows into one reused object per row, filled by <paramref name="read"/>.</summary>
    public static IEnumerable<T> ReadInto<T>(Stream stream, SnapshotInfo info, T line, Action<SnapshotReader, T> read)
    {
        foreach (var reader in Rows(stream, info))
        {
            read(reader, line);
            yield return line;
        }
    }

    public const int Version = 1;
    public static ReadOnlySpan<byte> Magic => "ZFSNAP01"u8;
    public const byte RowMarker = 1;
    public const byte EndMarker = 0;

    public static IEnumerable<T> Read<T>(Stream stream, SnapshotInfo info)
    {
        var read = ExtractSchemas.For(info.Type).Reader;
        foreach (var reader in Rows(stream, info))
            yield return (T)read(reader);
    }

    /// <summary>The reader positioned at each row in turn; the row count is checked against the trailer at the end.</summary>
    private static IEnumerable<SnapshotReader> Rows(Stream stream, SnapshotInfo info)
    {
        var reader = new SnapshotReader(stream);
        reader.ReadHeader(info.Type);
        long rows = 0;
        while (reader.NextRow())
        {
            rows++;
            yield return reader;
        }
        if (reader.TrailerCount != rows)
            throw new InvalidDataException($"Snapshot {info.Blob}: {rows} rows read, the trailer says {reader.TrailerCount}.");
    }
}

/// <summary>Builds one row's bytes; committed to the snapshot only when the whole row is valid.</summary>
internal sealed class RowBuffer
{
    private byte[] _buffer = new byte[512];
    public int Length { get; private set; }
    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);
    public void Reset() => Length = 0;

    private Span<byte> Take(int n)
    {
        if (Length + n > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + n));
        var span = _buffer.AsSpan(Length, n);
        Length += n;
        return span;
    }

    public void Byte(byte b) => Take(1)[0] = b;

    public void VarUInt(ulong v)
    {
        while (v >= 0x80) { Byte((byte)(v | 0x80)); v >>= 7; }
        Byte((byte)v);
    }

    public void VarInt(long v) => VarUInt((ulong)((v << 1) ^ (v >> 63)));

    public void String(ReadOnlySpan<byte> utf8) { VarUInt((ulong)utf8.Length); utf8.CopyTo(Take(utf8.Length)); }

    public void NullableString(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty) { Byte(0); return; }
        VarUInt((ulong)utf8.Length + 1);
        utf8.CopyTo(Take(utf8.Length));
    }

    public void Date(int dayNumber) => VarUInt((ulong)dayNumber);
    public void NullableDate(int? dayNumber) => VarUInt(dayNumber is { } d ? (ulong)d + 1 : 0);
    public void Decimal(long mantissa, byte scale) { Byte(scale); VarInt(mantissa); }
    public void NullDecimal() => Byte(0xFF);
}

/// <summary>Writes the snapshot blob through a large buffer and hashes what it writes.</summary>
internal sealed class SnapshotWriter(Stream output, ExtractType type, byte layout) : IDisposable
{
    private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private int _used;
    public long Rows { get; private set; }

    public void WriteHeader()
    {
        Put(SnapshotFormat.Magic);
        Put([(byte)type, layout]);
    }

    public void WriteRow(ReadOnlySpan<byte> row)
    {
        if (_used + row.Length + 1 > _buffer.Length) Flush();
        if (row.Length + 1 > _buffer.Length) { Put([SnapshotFormat.RowMarker]); Put(row); Rows++; return; }
        _buffer[_used++] = SnapshotFormat.RowMarker;
        row.CopyTo(_buffer.AsSpan(_used));
        _used += row.Length;
        Rows++;
    }

    /// <summary>Writes the trailer and flushes; returns the SHA-256 of the snapshot bytes.</summary>
    public string Complete()
    {
        var trailer = new RowBuffer();
        trailer.Byte(SnapshotFormat.EndMarker);
        trailer.VarUInt((ulong)Rows);
        Put(trailer.Span);
        Flush();
        return Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    private void Put(ReadOnlySpan<byte> bytes)
    {
        if (_used + bytes.Length > _buffer.Length) Flush();
        if (bytes.Length > _buffer.Length) { _hash.AppendData(bytes); output.Write(bytes); return; }
        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    private void Flush()
    {
        if (_used == 0) return;
        _hash.AppendData(_buffer, 0, _used);
        output.Write(_buffer, 0, _used);
        _used = 0;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _hash.Dispose();
    }
}

/// <summary>Reads a snapshot blob field by field from a buffered stream.</summary>
internal sealed class SnapshotReader(Stream input)
{
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _pos, _end;
    private readonly Utf8StringPool[] _pools = [new(), new(), new(), new()];
    public long TrailerCount { get; private set; } = -1;
    public byte Layout { get; private set; }

    public void ReadHeader(ExtractType expected)
    {
        Span<byte> magic = stackalloc byte[8];
        for (var i = 0; i < 8; i++) magic[i] = Byte();
        if (!magic.SequenceEqual(SnapshotFormat.Magic)) throw new InvalidDataException("Not a snapshot (wrong header).");
        var type = (ExtractType)Byte();
        if (type != expected) throw new InvalidDataException($"Snapshot holds {type.Name()}, expected {expected.Name()}.");
        Layout = Byte();
    }

    public bool NextRow()
    {
        var marker = Byte();
        if (marker == SnapshotFormat.RowMarker) return true;
        if (marker != SnapshotFormat.EndMarker) throw new InvalidDataException("Snapshot is damaged (unexpected row marker).");
        TrailerCount = (long)VarUInt();
        return false;
    }

    private bool Fill(int need)
    {
        if (_end - _pos >= need) return true;
        var left = _end - _pos;
        Buffer.BlockCopy(_buffer, _pos, _buffer, 0, left);
        _pos = 0;
        _end = left;
        while (_end < need)
        {
            var n = input.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0) return false;
            _end += n;
        }
        return true;
    }

    public byte Byte()
    {
        if (_pos == _end && !Fill(1)) throw new InvalidDataException("Snapshot ends too early.");
        return _buffer[_pos++];
    }

    public ulong VarUInt()
    {
        ulong v = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = Byte();
            v |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return v;
        }
    }

    public long VarInt() { var u = VarUInt(); return (long)(u >> 1) ^ -(long)(u & 1); }

    private ReadOnlySpan<byte> Bytes(int n)
    {
        if (n > _buffer.Length - 16) return ReadLarge(n);
        if (!Fill(n)) throw new InvalidDataException("Snapshot ends too early.");
        var span = _buffer.AsSpan(_pos, n);
        _pos += n;
        return span;
    }

    private byte[] ReadLarge(int n)
    {
        var result = new byte[n];
        var have = Math.Min(n, _end - _pos);
        _buffer.AsSpan(_pos, have).CopyTo(result);
        _pos += have;
        input.ReadExactly(result, have, n - have);
        return result;
    }

    public string String() => Encoding.UTF8.GetString(Bytes((int)VarUInt()));

    // Raw fields for readers that make no strings: a span is valid until the next read.
    public ReadOnlySpan<byte> RawString() => Bytes((int)VarUInt());

    public ReadOnlySpan<byte> RawNullableString()
    {
        var n = (int)VarUInt();
        return n == 0 ? default : Bytes(n - 1);
    }

    public void SkipString() => Bytes((int)VarUInt());

    public (long Mantissa, byte Scale) RawDecimal()
    {
        var scale = Byte();
        if (scale == 0xFF) throw new InvalidDataException("Snapshot is damaged (a required decimal is null).");
        return (VarInt(), scale);
    }

    public void RawNullableDecimal()
    {
        if (Byte() != 0xFF) VarInt();
    }

    public string? NullableString()
    {
        var n = (int)VarUInt();
        return n == 0 ? null : Encoding.UTF8.GetString(Bytes(n - 1));
    }

    /// <summary>
    /// A string that repeats across rows (ids of clients and providers): one instance per distinct value, from the
    /// pool of its column (0..3) as long as that column's values do repeat.
    /// </summary>
    public string PooledString(int column) => _pools[column].Get(Bytes((int)VarUInt()));

    public string? NullablePooledString(int column)
    {
        var n = (int)VarUInt();
        return n == 0 ? null : _pools[column].Get(Bytes(n - 1));
    }

    public DateOnly Date() => DateOnly.FromDayNumber((int)VarUInt());

    public DateOnly? NullableDate()
    {
        var v = VarUInt();
        return v == 0 ? null : DateOnly.FromDayNumber((int)(v - 1));
    }

    public decimal Decimal() => NullableDecimal() ?? throw new InvalidDataException("Snapshot is damaged (a required decimal is null).");

    public decimal? NullableDecimal()
    {
        var scale = Byte();
        if (scale == 0xFF) return null;
        return FieldRules.ToDecimal(VarInt(), scale);
    }
}

/// <summary>
/// One string instance per distinct UTF-8 value, looked up by the bytes themselves (no decoding for a hit). Ids
/// of clients and providers repeat on every declaration; sharing them saves both time and the run's memory.
/// A column whose values mostly do not repeat switches pooling off (it would only cost).
/// </summary>
internal sealed class Utf8StringPool
{
    private const int MaxEntries = 1 << 20;
    private const int Probe = 1 << 14;
    private long _lookups, _misses;
    private bool _off;
    private int[] _buckets = new int[1 << 12];
    private Entry[] _entries = new Entry[1 << 12];
    private int _count;

    private struct Entry
    {
        public int Hash;
        public int Next;
        public byte[] Key;
        public string Value;
    }

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (_off) return Encoding.UTF8.GetString(utf8);
        if (++_lookups == Probe && _misses * 2 > _lookups)
        {
            _off = true;
            _buckets = [];
            _entries = [];
            return Encoding.UTF8.GetString(utf8);
        }
        var hc = new HashCode();
        hc.AddBytes(utf8);
        var hash = hc.ToHashCode();
        var bucket = hash & (_buckets.Length - 1);
        for (var i = _buckets[bucket] - 1; i >= 0; i = _entries[i].Next)
        {
            ref var e = ref _entries[i];
            if (e.Hash == hash && utf8.SequenceEqual(e.Key)) return e.Value;
        }
        _misses++;
        var value = Encoding.UTF8.GetString(utf8);
        if (_off || _count >= MaxEntries) return value; // a pathological snapshot: stop pooling, stay correct
        if (_count == _entries.Length) Grow();
        bucket = hash & (_buckets.Length - 1);
        _entries[_count] = new Entry { Hash = hash, Next = _buckets[bucket] - 1, Key = utf8.ToArray(), Value = value };
        _buckets[bucket] = ++_count;
        return value;
    }

    private void Grow()
    {
        Array.Resize(ref _entries, _entries.Length * 2);
        _buckets = new int[_entries.Length];
        for (var i = 0; i < _count; i++)
        {
            var bucket = _entries[i].Hash & (_buckets.Length - 1);
            _entries[i].Next = _buckets[bucket] - 1;
            _buckets[bucket] = i + 1;
        }
    }
}
