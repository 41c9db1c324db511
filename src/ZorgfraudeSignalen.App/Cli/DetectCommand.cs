using System.CommandLine;
using System.Globalization;
using ZorgfraudeSignalen.Core.Model;

namespace ZorgfraudeSignalen.App.Cli;

/// <summary>
/// <c>detect PATH...</c>: the risk run's anomaly detector on any numeric CSV with columns <c>f0..fn,label</c> under
/// the ADBench protocol (70/30 stratified split, fit without labels, ROC-AUC on the 30 %, mean of three seeds), so
/// that its quality can be held against published and measured baselines. A folder means every .csv in it.
/// <c>--rank</c> fixes the PCA rank as <c>RiskConfiguration.Rank</c> does in a run. Its speed and the studies of its
/// design are in the benchmarks project (<c>zfs-bench detector</c>).
/// </summary>
public static class DetectCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("pad") { Description = "CSV-bestanden (f0..fn,label) of mappen met zulke bestanden.", Arity = ArgumentArity.OneOrMore };
        var seeds = new Option<string>("--seeds") { Description = "Seeds van de splitsing, komma-gescheiden (standaard 0,1,2).", DefaultValueFactory = _ => "0,1,2" };
        var rank = new Option<int?>("--rank") { Description = $"Vast aantal hoofdcomponenten, zoals RiskConfiguration.Rank (standaard: de kleinste rang die {Pct(PcaAnomalyDetector.DefaultVarianceShare)} % van de variantie verklaart)." };
        var command = new Command("detect", "Meet de anomaliedetector op gelabelde data volgens het ADBench-protocol (ROC-AUC).") { paths, seeds, rank };
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
            if (seedList.Length == 0)
            {
                error.WriteLine("--seeds moet ten minste één seed bevatten.");
                return Task.FromResult(2);
            }
            var files = new List<string>();
            foreach (var path in parse.GetValue(paths) ?? [])
            {
                if (Directory.Exists(path)) files.AddRange(Directory.GetFiles(path, "*.csv").Order(StringComparer.Ordinal));
                else if (File.Exists(path)) files.Add(path);
                else if (path.StartsWith("--", StringComparison.Ordinal))
                {
                    // --bench, --synthetisch and the other studies were options here; they are benchmarks now.
                    error.WriteLine($"{path}: onbekende optie. Snelheid en studies van de detector: zfs-bench detector (docs/detectie.md).");
                    return Task.FromResult(2);
                }
                else
                {
                    error.WriteLine($"{path}: bestand of map bestaat niet.");
                    return Task.FromResult(2);
                }
            }
            if (files.Count == 0)
            {
                error.WriteLine("Geen CSV-bestanden gevonden: geef een CSV-bestand of een map met CSV-bestanden.");
                return Task.FromResult(2);
            }
            var options = new DetectorOptions(Rank: parse.GetValue(rank));
            output.WriteLine($"Detector: {AnomalyDetector.Description}; rang PCA {(options.Rank is { } r ? r.ToString(CultureInfo.InvariantCulture) : $"uit de data ({Pct(options.VarianceShare)} % variantie)")}; {options.Trees} bomen; ADBench-protocol.");
            output.WriteLine("ROC-AUC ×100 van het ensemble  [PCA / ECOD / IForest apart]");
            var exit = 0;
            foreach (var file in files)
            {
                ct.ThrowIfCancellationRequested();
                EvaluationResult result;
                try
                {
                    result = DetectorEvaluation.Evaluate(DetectorEvaluation.ReadCsv(file), options, seedList);
                }
                catch (Exception e) when (e is InvalidDataException or ArgumentException or IOException)
                {
                    error.WriteLine(e.Message);
                    exit = 2;
                    continue;
                }
                output.WriteLine($"{result.Dataset}: {result.Rows} rijen, {result.Dimension} kenmerken, {result.Anomalies} anomalieën");
                foreach (var s in result.Seeds)
                    output.WriteLine($"  seed {s.Seed}: ROC-AUC {Pct(s.RocAuc)}  [{string.Join(" / ", s.Parts.Select(Pct))}]  rang {s.Rank}");
                var line = $"  gemiddeld: ROC-AUC {Pct(result.MeanRocAuc)}  [{string.Join(" / ", Enum.GetValues<DetectorPart>().Select(p => Pct(result.MeanPart(p))))}]";
                if (DetectorBaselines.SklearnFor(result.Dataset) is { } sklearn)
                    line += $"  sklearn PCA {F1(sklearn.SklearnPca)}, IForest {F1(sklearn.SklearnIForest)}";
                if (DetectorBaselines.For(result.Dataset) is { } published)
                    line += $"; ADBench PCA {F1(published.Pca)}, IForest {F1(published.IForest)}, ECOD {F1(published.Ecod)}";
                output.WriteLine(line);
            }
            return Task.FromResult(exit);
        });
        return command;
    }

    private static string F1(double v) => v.ToString("F1", CultureInfo.InvariantCulture);
    private static string Pct(double auc) => (auc * 100).ToString("F1", CultureInfo.InvariantCulture);
}
