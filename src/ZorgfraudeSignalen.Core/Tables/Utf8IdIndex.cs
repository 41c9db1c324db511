using System.Text;

namespace ZorgfraudeSignalen.Core.Tables;

/// <summary>
/// An id's UTF-8 bytes as two numbers and the length, so that ids compare without touching their bytes elsewhere in
/// memory. Ids of up to 16 bytes (all ids in the contract's examples) are the key itself, zero padded: equal keys are
/// equal ids. A longer id (a 64-character hash pseudonym) keeps its first 8 bytes and a hash of all of them: unequal keys
/// are unequal ids, equal keys must still be confirmed on the bytes.
/// </summary>
internal readonly record struct IdKey(long A, long B, int Length)
{
    public static IdKey Of(ReadOnlySpan<byte> id)
    {
        Span<byte> key = stackalloc byte[16];
        key.Clear();
        id[..Math.Min(16, id.Length)].CopyTo(key);
        var a = BitConverter.ToInt64(key);
        if (id.Length <= 16) return new IdKey(a, BitConverter.ToInt64(key[8..]), id.Length);
        var hash = new HashCode();
        hash.AddBytes(id);
        return new IdKey(a, hash.ToHashCode(), id.Length);
    }

    public static IdKey Of(string id)
    {
        Span<byte> buffer = stackalloc byte[256];
        return Of(Utf8(id, buffer));
    }

    /// <summary>Equal keys are equal ids.</summary>
    public bool IsExact => Length <= 16;

    /// <summary>Whether <paramref name="id"/> is the UTF-8 form of <paramref name="text"/>.</summary>
    public static bool SameId(string text, ReadOnlySpan<byte> id)
    {
        Span<byte> buffer = stackalloc byte[256];
        return id.SequenceEqual(Utf8(text, buffer));
    }

    /// <summary>The UTF-8 bytes of <paramref name="text"/>, in <paramref name="buffer"/> when they fit.</summary>
    public static ReadOnlySpan<byte> Utf8(string text, Span<byte> buffer) =>
        Encoding.UTF8.GetMaxByteCount(text.Length) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(text, buffer)] : Encoding.UTF8.GetBytes(text);
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
        public IdKey Key;     // Length 0: an empty slot
        public int Number;
    }

    private readonly Slot[] _slots;
    private readonly IdKey[] _keys;   // by number
    private readonly byte[][]? _long; // ids longer than 16 bytes, by number

    /// <summary>Whether the id with this number is <paramref name="id"/> (whose key is <paramref name="key"/>).</summary>
    public bool Is(int number, ReadOnlySpan<byte> id, in IdKey key) =>
        (uint)number < (uint)_keys.Length && _keys[number] == key && Confirmed(number, id, key);

    public Utf8IdIndex(IdTable ids)
    {
        _slots = new Slot[Math.Max(16, ids.Count + ids.Count / 2)];
        _keys = new IdKey[ids.Count];
        Span<byte> buffer = stackalloc byte[256];
        for (var i = 0; i < ids.Count; i++)
        {
            var bytes = IdKey.Utf8(ids[i], buffer);
            if (bytes.Length > 16) (_long ??= new byte[ids.Count][])[i] = bytes.ToArray();
            var key = _keys[i] = IdKey.Of(bytes);
            var s = Home(key);
            while (_slots[s].Key.Length != 0)
            {
                if (Matches(_slots[s], bytes, key)) break; // a repeated id keeps its first number
                if (++s == _slots.Length) s = 0;
            }
            if (_slots[s].Key.Length == 0) _slots[s] = new Slot { Key = key, Number = i };
        }
    }

    /// <summary>The id's number, or -1.</summary>
    public int IndexOf(ReadOnlySpan<byte> id) => id.IsEmpty ? -1 : IndexOf(id, IdKey.Of(id));

    /// <summary>The id's number, or -1; <paramref name="key"/> is the id's <see cref="IdKey"/>.</summary>
    public int IndexOf(ReadOnlySpan<byte> id, in IdKey key)
    {
        if (id.IsEmpty) return -1;
        for (var s = Home(key); ; )
        {
            ref readonly var slot = ref _slots[s];
            if (slot.Key.Length == 0) return -1;
            if (Matches(slot, id, key)) return slot.Number;
            if (++s == _slots.Length) s = 0;
        }
    }

    private bool Matches(in Slot slot, ReadOnlySpan<byte> id, in IdKey key) => slot.Key == key && Confirmed(slot.Number, id, key);

    /// <summary>Equal keys of long ids are confirmed on the bytes.</summary>
    private bool Confirmed(int number, ReadOnlySpan<byte> id, in IdKey key) => key.IsExact || id.SequenceEqual(_long![number]);

    private int Home(in IdKey key) => (int)(((ulong)(uint)HashCode.Combine(key.A, key.B, key.Length) * (ulong)_slots.Length) >> 32);
}
