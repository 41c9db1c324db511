namespace ZorgfraudeSignalen.Core.Tables;

/// <summary>
/// Series of monthly sums: per series a small record (provider, allocation, client, billed months, totals), and per
/// month an amount in cents and a volume. The billing pass (<see cref="Indicators.BillingPass"/>) keeps one per
/// allocation, per allocation and other provider, or per client–provider pair; at national scale that is millions of
/// series, so plain arrays, in chunks.
/// </summary>
internal sealed class SeriesTable(int months)
{
    private const int ChunkBits = 16;
    private const int ChunkMask = (1 << ChunkBits) - 1;
    public struct Info
    {
        public int Provider;     // number in RunTables.ProviderIds
        public int Allocation;   // first row of the allocation, or -1
        public int Client;       // the declaring client of a series without an allocation (for its PGB budget), or -1
        public int Billed;       // bit m = billed in month m
        public int OutsideCount;
        public long Total, Outside;
    }
    private readonly List<Info[]> _infos = new();
    private readonly List<int[]> _cents = new();
    private readonly List<float[]> _volume = new();
    // Sums beyond an int of cents (more than 21 million euro in one month of one series) continue here.
    private Dictionary<long, long>? _large;

    public int Count { get; private set; }

    public ref Info this[int series] => ref _infos[series >> ChunkBits][series & ChunkMask];

    public int Add(int provider, int allocation, int client)
    {
        var s = Count++;
        if ((s & ChunkMask) == 0)
        {
            _infos.Add(new Info[1 << ChunkBits]);
            _cents.Add(new int[(1 << ChunkBits) * months]);
            _volume.Add(new float[(1 << ChunkBits) * months]);
        }
        this[s] = new Info { Provider = provider, Allocation = allocation, Client = client };
        return s;
    }

    public void AddMonth(int series, int month, long cents, double volume)
    {
        var chunk = series >> ChunkBits;
        var at = (series & ChunkMask) * months + month;
        var sum = _cents[chunk][at] + cents;
        if (sum is > int.MaxValue or < int.MinValue)
        {
            var key = (long)series * months + month;
            (_large ??= new())[key] = _large.GetValueOrDefault(key) + sum;
            sum = 0;
        }
        _cents[chunk][at] = (int)sum;
        _volume[chunk][at] += (float)volume;
    }

    public long Cents(int series, int month) =>
        _cents[series >> ChunkBits][(series & ChunkMask) * months + month] + (_large?.GetValueOrDefault((long)series * months + month) ?? 0);

    public double Volume(int series, int month) => _volume[series >> ChunkBits][(series & ChunkMask) * months + month];
}
