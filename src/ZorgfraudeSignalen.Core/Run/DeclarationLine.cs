using System.Text;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;

namespace ZorgfraudeSignalen.Core.Run;

/// <summary>
/// One declaration as the pass over the declarations needs it: ids as UTF-8 bytes, dates as day numbers, the amount in
/// cents. Reading a snapshot this way makes no string and no record per row, which at tens of millions of lines is
/// most of the cost of the pass. One instance is refilled for every row (<see cref="Read(SnapshotReader)"/>).
/// </summary>
internal sealed class DeclarationLine
{
    private byte[] _client = new byte[32], _provider = new byte[32], _allocation = new byte[32];
    private int _clientLength, _providerLength, _allocationLength;

    public ReadOnlySpan<byte> Client => _client.AsSpan(0, _clientLength);
    public ReadOnlySpan<byte> Provider => _provider.AsSpan(0, _providerLength);
    /// <summary>The toewijzing_id; empty when the declaration names none (PGB).</summary>
    public ReadOnlySpan<byte> Allocation => _allocation.AsSpan(0, _allocationLength);
    public int Start, End;
    public DateOnly PeriodeStart => DateOnly.FromDayNumber(Start);
    public double Volume;
    public string Eenheid = "";
    /// <summary>The bedrag in cents (rounded half away from zero when the extract gave more decimals).</summary>
    public long Cents;

    /// <summary>Reads the next row of a declarations snapshot, in the field order of <see cref="ExtractSchemas.Declaraties"/>.</summary>
    public void Read(SnapshotReader r)
    {
        r.SkipString(); // declaratie_id
        Copy(r.RawString(), ref _client, out _clientLength);
        Copy(r.RawString(), ref _provider, out _providerLength);
        Copy(r.RawNullableString(), ref _allocation, out _allocationLength);
        Start = (int)r.VarUInt();
        End = (int)r.VarUInt();
        r.Byte(); // productcategorie
        var (volume, volumeScale) = r.RawDecimal();
        Volume = volume / Math.Pow(10, volumeScale);
        Eenheid = ExtractSchemas.Eenheid.FromByte(r.Byte())!;
        r.RawNullableDecimal(); // tarief
        var (bedrag, scale) = r.RawDecimal();
        Cents = ToCents(bedrag, scale);
    }

    /// <summary>Fills the line from a record (inputs that were not read from a snapshot).</summary>
    public void Set(Declaratie d)
    {
        Encode(d.ClientId, ref _client, out _clientLength);
        Encode(d.AanbiederId, ref _provider, out _providerLength);
        Encode(d.ToewijzingId ?? "", ref _allocation, out _allocationLength);
        Start = d.PeriodeStart.DayNumber;
        End = d.PeriodeEind.DayNumber;
        Volume = (double)d.Volume;
        Eenheid = d.Eenheid;
        Cents = (long)Math.Round(d.Bedrag * 100, MidpointRounding.AwayFromZero);
    }

    private static long ToCents(long mantissa, byte scale) => scale switch
    {
        0 => mantissa * 100,
        1 => mantissa * 10,
        2 => mantissa,
        _ => (long)Math.Round(FieldRules.ToDecimal(mantissa, scale) * 100, MidpointRounding.AwayFromZero),
    };

    private static void Copy(ReadOnlySpan<byte> value, ref byte[] target, out int length)
    {
        if (value.Length > target.Length) target = new byte[Math.Max(value.Length, target.Length * 2)];
        value.CopyTo(target);
        length = value.Length;
    }

    private static void Encode(string value, ref byte[] target, out int length)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (max > target.Length) target = new byte[max];
        length = Encoding.UTF8.GetBytes(value, target);
    }
}

/// <summary>
/// The first 16 bytes of a UTF-8 id (zero padded) and its length: ids of up to 16 bytes (all ids in the contract's
/// examples) compare as two numbers, without touching the id's bytes elsewhere in memory.
/// </summary>
internal readonly record struct IdKey(long A, long B, int Length)
{
    public static IdKey Of(ReadOnlySpan<byte> id)
    {
        Span<byte> key = stackalloc byte[16];
        key.Clear();
        id[..Math.Min(16, id.Length)].CopyTo(key);
        return new IdKey(BitConverter.ToInt64(key), BitConverter.ToInt64(key[8..]), id.Length);
    }

    public bool IsShort => Length <= 16;

    public static IdKey Of(string id)
    {
        Span<byte> buffer = stackalloc byte[64];
        return Encoding.UTF8.GetMaxByteCount(id.Length) <= buffer.Length ? Of(buffer[..Encoding.UTF8.GetBytes(id, buffer)]) : Of(Encoding.UTF8.GetBytes(id));
    }
}

/// <summary>
/// Numbers of an <see cref="IdTable"/> looked up by the UTF-8 bytes of an id, without decoding them. Open addressing;
/// ids of up to 16 bytes are kept inside the slot as an <see cref="IdKey"/>, so a lookup touches one slot. The key
/// of every number is kept as well, so that a reader who expects a certain id can check it without a lookup.
/// </summary>
internal sealed class Utf8IdIndex
{
    private struct Slot
    {
        public long A, B;     // IdKey
        public int Length;    // 0 = empty slot
        public int Number;
    }

    private readonly Slot[] _slots;
    private readonly IdKey[] _keys;   // by number
    private readonly byte[][]? _long; // ids longer than 16 bytes, by number

    /// <summary>Whether the id with this number is <paramref name="id"/> (whose key is <paramref name="key"/>).</summary>
    public bool Is(int number, ReadOnlySpan<byte> id, in IdKey key) =>
        (uint)number < (uint)_keys.Length && _keys[number] == key && (key.IsShort || id.SequenceEqual(_long![number]));

    public Utf8IdIndex(IdTable ids)
    {
        _slots = new Slot[Math.Max(16, ids.Count + ids.Count / 2)];
        _keys = new IdKey[ids.Count];
        Span<byte> buffer = stackalloc byte[256];
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i];
            var bytes = Encoding.UTF8.GetMaxByteCount(id.Length) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(id, buffer)] : Encoding.UTF8.GetBytes(id);
            if (bytes.Length > 16) (_long ??= new byte[ids.Count][])[i] = bytes.ToArray();
            _keys[i] = IdKey.Of(bytes);
            Key(bytes, out var a, out var b);
            var s = Home(bytes, a, b);
            while (_slots[s].Length != 0)
            {
                if (Matches(_slots[s], bytes, a, b)) break; // a repeated id keeps its first number
                if (++s == _slots.Length) s = 0;
            }
            if (_slots[s].Length == 0) _slots[s] = new Slot { A = a, B = b, Length = bytes.Length, Number = i };
        }
    }

    /// <summary>The id's number, or -1.</summary>
    public int IndexOf(ReadOnlySpan<byte> id)
    {
        if (id.IsEmpty) return -1;
        Key(id, out var a, out var b);
        for (var s = Home(id, a, b); ; )
        {
            ref readonly var slot = ref _slots[s];
            if (slot.Length == 0) return -1;
            if (Matches(slot, id, a, b)) return slot.Number;
            if (++s == _slots.Length) s = 0;
        }
    }

    private bool Matches(in Slot slot, ReadOnlySpan<byte> id, long a, long b) =>
        slot.Length == id.Length && slot.A == a && slot.B == b && (id.Length <= 16 || id.SequenceEqual(_long![slot.Number]));

    private static void Key(ReadOnlySpan<byte> id, out long a, out long b)
    {
        var key = IdKey.Of(id);
        (a, b) = (key.A, key.B);
    }

    private int Home(ReadOnlySpan<byte> id, long a, long b)
    {
        var hash = id.Length <= 16 ? (ulong)HashCode.Combine(a, b, id.Length) : (ulong)(uint)HashOf(id);
        return (int)(((hash & 0xFFFFFFFF) * (ulong)_slots.Length) >> 32);
    }

    private static int HashOf(ReadOnlySpan<byte> id)
    {
        var h = new HashCode();
        h.AddBytes(id);
        return h.ToHashCode();
    }
}
