using System.Text;
using ZorgfraudeSignalen.Core.Extracts;

namespace ZorgfraudeSignalen.Core.Tables;

/// <summary>
/// One declaration as the pass over the declarations needs it: ids as UTF-8 bytes, dates as day numbers, the amount in
/// cents. Reading a snapshot this way makes no string and no record per row, which at tens of millions of lines is
/// most of the cost of the pass. One instance is refilled for every row (from a snapshot by
/// <see cref="Ingest.DeclarationLineReader"/>, from a record by <see cref="Set"/>).
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

    internal void SetClient(ReadOnlySpan<byte> value) => Copy(value, ref _client, out _clientLength);
    internal void SetProvider(ReadOnlySpan<byte> value) => Copy(value, ref _provider, out _providerLength);
    internal void SetAllocation(ReadOnlySpan<byte> value) => Copy(value, ref _allocation, out _allocationLength);

    /// <summary>Makes this line a copy of <paramref name="other"/> (which is refilled for the next row).</summary>
    public void CopyFrom(DeclarationLine other)
    {
        Copy(other.Client, ref _client, out _clientLength);
        Copy(other.Provider, ref _provider, out _providerLength);
        Copy(other.Allocation, ref _allocation, out _allocationLength);
        Start = other.Start;
        End = other.End;
        Volume = other.Volume;
        Eenheid = other.Eenheid;
        Cents = other.Cents;
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
