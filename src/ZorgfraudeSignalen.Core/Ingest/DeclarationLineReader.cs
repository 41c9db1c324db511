using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.Core.Ingest;

/// <summary>Fills a <see cref="DeclarationLine"/> from a declarations snapshot without making a string or a record per row.</summary>
internal static class DeclarationLineReader
{
    /// <summary>Reads the next row of a declarations snapshot, in the field order of <see cref="ExtractSchemas.Declaraties"/>.</summary>
    public static void Read(SnapshotReader r, DeclarationLine line)
    {
        r.SkipString(); // declaratie_id
        line.SetClient(r.RawString());
        line.SetProvider(r.RawString());
        line.SetAllocation(r.RawNullableString());
        line.Start = (int)r.VarUInt();
        line.End = (int)r.VarUInt();
        r.Byte(); // productcategorie
        var (volume, volumeScale) = r.RawDecimal();
        line.Volume = volume / (volumeScale < PowersOfTen.Length ? PowersOfTen[volumeScale] : Math.Pow(10, volumeScale));
        line.Eenheid = ExtractSchemas.Eenheid.FromByte(r.Byte())!;
        r.RawNullableDecimal(); // tarief
        var (bedrag, scale) = r.RawDecimal();
        line.Cents = ToCents(bedrag, scale);
    }

    private static readonly double[] PowersOfTen = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

    private static long ToCents(long mantissa, byte scale) => scale switch
    {
        0 => mantissa * 100,
        1 => mantissa * 10,
        2 => mantissa,
        _ => (long)Math.Round(FieldRules.ToDecimal(mantissa, scale) * 100, MidpointRounding.AwayFromZero),
    };
}
