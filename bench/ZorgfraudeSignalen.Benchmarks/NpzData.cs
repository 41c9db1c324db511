using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using ZorgfraudeSignalen.Core.Model;

namespace ZorgfraudeSignalen.Benchmarks;

/// <summary>
/// Reads a labelled set as ADBench ships it: an <c>.npz</c> (a zip of NumPy arrays) with <c>X.npy</c> (rows ×
/// features) and <c>y.npy</c> (1 = anomaly). Only what those files use: little-endian integers and doubles, bytes, C or
/// Fortran order, format versions 1–3.
/// </summary>
public static partial class NpzData
{
    public static LabelledData Read(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var (x, shape) = Array(zip, "X.npy", path);
        var (y, _) = Array(zip, "y.npy", path);
        if (shape.Length != 2 || y.Length != shape[0]) throw new InvalidDataException($"{path}: X is not rows × features beside one label per row.");
        return new LabelledData(Path.GetFileNameWithoutExtension(path), x.Rows, y.Values.Select(v => v == 1).ToArray());
    }

    private static (Matrix Array, int[] Shape) Array(ZipArchive zip, string name, string path)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidDataException($"{path}: no {name}.");
        using var stream = new MemoryStream();
        using (var s = entry.Open()) s.CopyTo(stream);
        var bytes = stream.ToArray();
        if (bytes.Length < 10 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY") throw new InvalidDataException($"{path}/{name}: not a NumPy array.");
        var (headerLength, offset) = bytes[6] == 1
            ? (BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)), 10)
            : ((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)), 12);
        var header = Encoding.Latin1.GetString(bytes, offset, headerLength);
        var descr = DescrPattern().Match(header).Groups[1].Value;
        var fortran = header.Contains("'fortran_order': True", StringComparison.Ordinal);
        var shape = ShapePattern().Match(header).Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        var data = bytes.AsSpan(offset + headerLength);
        var count = shape.Aggregate(1, (a, b) => a * b);
        var values = new double[count];
        for (var i = 0; i < count; i++)
            values[i] = descr switch
            {
                "<f8" => BinaryPrimitives.ReadDoubleLittleEndian(data[(8 * i)..]),
                "<f4" => BinaryPrimitives.ReadSingleLittleEndian(data[(4 * i)..]),
                "<i8" => BinaryPrimitives.ReadInt64LittleEndian(data[(8 * i)..]),
                "<i4" => BinaryPrimitives.ReadInt32LittleEndian(data[(4 * i)..]),
                "<i2" => BinaryPrimitives.ReadInt16LittleEndian(data[(2 * i)..]),
                "|u1" or "|b1" => data[i],
                _ => throw new InvalidDataException($"{path}/{name}: element type {descr} is not supported."),
            };
        return (new Matrix(values, shape, fortran), shape);
    }

    private sealed record Matrix(double[] Values, int[] Shape, bool Fortran)
    {
        public int Length => Values.Length;

        public IReadOnlyList<double[]> Rows
        {
            get
            {
                int n = Shape[0], d = Shape[1];
                var rows = new double[n][];
                for (var i = 0; i < n; i++)
                {
                    rows[i] = new double[d];
                    for (var j = 0; j < d; j++) rows[i][j] = Values[Fortran ? j * n + i : i * d + j];
                }
                return rows;
            }
        }
    }

    [GeneratedRegex(@"'descr':\s*'([^']+)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'shape':\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
