using System.CommandLine;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using ZorgfraudeSignalen.Core.Model;
using ZorgfraudeSignalen.Generator;

namespace ZorgfraudeSignalen.Benchmarks.Tests;

public class NpzDataTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rows_and_labels_come_back_in_either_memory_order(bool fortran)
    {
        double[][] rows = [[1.5, -2, 3], [4, 5.25, -6]];
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "set.npz");
        WriteNpz(path, rows, [0, 1], fortran);

        var data = NpzData.Read(path);

        Assert.Equal("set", data.Name);
        Assert.Equal(rows, data.Rows);
        Assert.Equal([false, true], data.Labels);
    }

    [Fact]
    public async Task The_combinations_on_data_give_the_same_figures_for_a_set_as_npz_and_as_csv()
    {
        var world = SyntheticAnomalies.World(AnomalyKind.Global, 1000);
        var folder = Directory.CreateTempSubdirectory().FullName;
        WriteNpz(Path.Combine(folder, "a.npz"), world.Rows, world.Labels.Select(l => l ? 1L : 0L).ToArray(), fortran: true);
        var csv = new StringBuilder(string.Join(",", Enumerable.Range(0, world.Dimension).Select(j => $"f{j}")) + ",label\n");
        for (var i = 0; i < world.Rows.Count; i++)
            csv.Append(string.Join(",", world.Rows[i].Select(v => v.ToString("R", CultureInfo.InvariantCulture)))).Append(world.Labels[i] ? ",1\n" : ",0\n");
        File.WriteAllText(Path.Combine(folder, "b.csv"), csv.ToString());

        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await new RootCommand { DetectorBenchmark.Create() }.Parse(["detector", "combinations-data", folder])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });

        Assert.True(exit == 0, error.ToString());
        var lines = output.ToString().Split('\n');
        string Figures(string name) => lines.Single(l => l.StartsWith($"  {name} ", StringComparison.Ordinal))[(name.Length + 2)..].Trim();
        Assert.Contains("op 2 gelabelde sets", lines[0]);
        Assert.Equal(Figures("a"), Figures("b"));
        Assert.Equal(DetectorBenchmark.Combinations.Count, Figures("a").Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    /// <summary>An .npz as NumPy writes it: X as doubles (C or Fortran order), y as 64-bit integers.</summary>
    private static void WriteNpz(string path, IReadOnlyList<double[]> rows, long[] labels, bool fortran)
    {
        int n = rows.Count, d = rows[0].Length;
        var x = new List<byte>();
        for (var k = 0; k < n * d; k++)
            x.AddRange(BitConverter.GetBytes(fortran ? rows[k % n][k / n] : rows[k / d][k % d]));
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        Write(zip, "X.npy", "<f8", fortran, $"({n}, {d})", x.ToArray());
        Write(zip, "y.npy", "<i8", false, $"({n},)", labels.SelectMany(BitConverter.GetBytes).ToArray());

        static void Write(ZipArchive zip, string name, string descr, bool fortran, string shape, byte[] data)
        {
            var header = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shape}, }}";
            header = header.PadRight((header.Length + 10 + 63) / 64 * 64 - 10 - 1) + "\n";
            using var stream = zip.CreateEntry(name).Open();
            stream.Write([0x93, .. "NUMPY"u8, 1, 0]);
            stream.Write(BitConverter.GetBytes((ushort)header.Length));
            stream.Write(Encoding.Latin1.GetBytes(header));
            stream.Write(data);
        }
    }
}
