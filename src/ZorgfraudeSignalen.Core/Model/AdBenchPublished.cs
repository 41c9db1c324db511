namespace ZorgfraudeSignalen.Core.Model;

/// <summary>ADBench's published unsupervised ROC-AUC (×100, paper Table D4) for the ODDS sets we compare against.</summary>
public static class AdBenchPublished
{
    public sealed record Scores(double Pca, double IForest);

    private static readonly Dictionary<string, Scores> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["annthyroid"] = new(66.25, 82.01),
        ["cardio"] = new(95.55, 93.19),
        ["mammography"] = new(88.72, 86.39),
        ["shuttle"] = new(98.62, 99.56),
        ["thyroid"] = new(96.34, 98.30),
    };

    /// <summary>Looks a data set up by file name, e.g. <c>6_cardio</c> → cardio.</summary>
    public static Scores? For(string datasetName)
    {
        var name = datasetName.Contains('_') ? datasetName[(datasetName.IndexOf('_') + 1)..] : datasetName;
        return ByName.GetValueOrDefault(name);
    }
}
