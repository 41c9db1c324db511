using System.CommandLine;
using System.Globalization;
using ZorgfraudeSignalen.Core.Model;

namespace ZorgfraudeSignalen.App.Cli;

/// <summary>
/// <c>detect PATH...</c>: the risk run's anomaly detector on any numeric CSV with columns <c>f0..fn,label</c> under
/// the ADBench protocol (70/30 stratified split, fit without labels, ROC-AUC on the 30 %, mean of three seeds), so
/// that its quality can be held against published results. A folder means every .csv in it.
/// </summary>
public static class DetectCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("pad") { Description = "CSV-bestanden (f0..fn,label) of mappen met zulke bestanden.", Arity = ArgumentArity.OneOrMore };
        var seeds = new Option<string>("--seeds") { Description = "Seeds van de splitsing, komma-gescheiden (standaard 0,1,2).", DefaultValueFactory = _ => "0,1,2" };
        var rank = new Option<int?>("--rank") { Description = $"Aantal hoofdcomponenten (standaard {PcaAnomalyDetector.DefaultRank})." };
        var command = new Command("detect", "Meet de anomaliedetector op een gelabelde dataset volgens het ADBench-protocol (ROC-AUC).") { paths, seeds, rank };
        command.SetAction((parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            int[] seedList;
            try
            {
                seedList = parse.GetValue(seeds)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            }
            catch (FormatException)
            {
                error.WriteLine("--seeds moet een komma-gescheiden lijst gehele getallen zijn.");
                return Task.FromResult(2);
            }
            var files = new List<string>();
            foreach (var path in parse.GetValue(paths)!)
            {
                if (Directory.Exists(path)) files.AddRange(Directory.GetFiles(path, "*.csv").Order(StringComparer.Ordinal));
                else if (File.Exists(path)) files.Add(path);
                else
                {
                    error.WriteLine($"{path}: bestand of map bestaat niet.");
                    return Task.FromResult(2);
                }
            }
            var options = new DetectorOptions(Rank: parse.GetValue(rank));
            output.WriteLine($"Detector: robuust geschaald (mediaan/IQR), ML.NET RandomizedPca, rang {options.Rank?.ToString(CultureInfo.InvariantCulture) ?? "standaard"}, PPCA-score; ADBench-protocol.");
            var exit = 0;
            foreach (var file in files)
            {
                ct.ThrowIfCancellationRequested();
                BenchmarkResult result;
                try
                {
                    result = DetectorBenchmark.Evaluate(DetectorBenchmark.ReadCsv(file), options, seedList);
                }
                catch (Exception e) when (e is InvalidDataException or ArgumentException or IOException)
                {
                    error.WriteLine(e.Message);
                    exit = 2;
                    continue;
                }
                output.WriteLine($"{result.Dataset}: {result.Rows} rijen, {result.Dimension} kenmerken, {result.Anomalies} anomalieën, rang {result.Rank}");
                foreach (var s in result.Seeds)
                    output.WriteLine($"  seed {s.Seed}: ROC-AUC {Pct(s.RocAuc)}");
                var line = $"  gemiddeld: ROC-AUC {Pct(result.MeanRocAuc)}";
                if (AdBenchPublished.For(result.Dataset) is { } published)
                    line += $"  (ADBench PCA {published.Pca.ToString("F2", CultureInfo.InvariantCulture)}, verschil {(result.MeanRocAuc * 100 - published.Pca).ToString("+0.00;-0.00", CultureInfo.InvariantCulture)}; IForest {published.IForest.ToString("F2", CultureInfo.InvariantCulture)})";
                output.WriteLine(line);
            }
            return Task.FromResult(exit);
        });
        return command;
    }

    private static string Pct(double auc) => (auc * 100).ToString("F2", CultureInfo.InvariantCulture);
}
