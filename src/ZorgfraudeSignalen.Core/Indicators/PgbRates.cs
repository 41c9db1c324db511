using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.Core.Indicators;

/// <summary>PGB hourly rates per provider, each against the median rate of its agreement type and product category.</summary>
internal static class PgbRates
{
    internal sealed record Rate(int Agreements, double? MedianRate, double? Factor, string? Reference, int BudgetHolders, double HoursPerWeek,
        string Category, string Kind);

    /// <summary>PGB hourly rates against the median for the same agreement type and product category, over agreements active at the peildatum.</summary>
    internal static Dictionary<string, Rate> Compute(RunTables inputs, DateOnly peildatum)
    {
        var pgbAllocations = inputs.Toewijzingen.PgbRowsByClient();
        var allocations = inputs.Toewijzingen;
        var day = peildatum.DayNumber;
        // A client's category: that of its PGB allocation in force at the peildatum with the (ordinally) lowest id.
        var category = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (client, rows) in pgbAllocations)
        {
            var inForce = rows.Where(r => allocations[r].Covers(day)).ToList();
            if (inForce.Count > 0)
                category.Add(inputs.ClientIds[client], allocations[inForce.MinBy(r => allocations.Ids[allocations[r].Id], StringComparer.Ordinal)].Productcategorie);
        }
        var activeAgreements = inputs.PgbOvereenkomsten
            .Where(o => o.Ingangsdatum <= peildatum && (o.Einddatum is null || o.Einddatum >= peildatum))
            .Select(o => (Agreement: o, Group: $"{o.OvereenkomstType.ToString().ToLowerInvariant()}/{category.GetValueOrDefault(o.ClientId, "??")}"))
            .ToList();
        var medians = activeAgreements.GroupBy(x => x.Group, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Median(g.Select(x => (double)x.Agreement.Uurtarief)), StringComparer.Ordinal);
        var result = new Dictionary<string, Rate>(StringComparer.Ordinal);
        foreach (var g in activeAgreements.GroupBy(x => x.Agreement.AanbiederId, StringComparer.Ordinal))
        {
            var ratios = g.Select(x => medians[x.Group] > 0 ? (double)x.Agreement.Uurtarief / medians[x.Group] : 1).ToList();
            var commonGroup = g.GroupBy(x => x.Group, StringComparer.Ordinal).OrderByDescending(x => x.Count()).ThenBy(x => x.Key, StringComparer.Ordinal).First().Key;
            var persons = g.Where(x => x.Agreement.OvereenkomstType != OvereenkomstType.Instelling).ToList();
            string Most(Func<(PgbOvereenkomst Agreement, string Group), string> key) =>
                g.GroupBy(key, StringComparer.Ordinal).OrderByDescending(x => x.Count()).ThenBy(x => x.Key, StringComparer.Ordinal).First().Key;
            result[g.Key] = new Rate(
                g.Count(),
                Median(g.Select(x => (double)x.Agreement.Uurtarief)),
                Median(ratios),
                $"{commonGroup} ({Nl.Euro((decimal)Math.Round(medians[commonGroup], 2))})",
                persons.Select(x => x.Agreement.ClientId).Distinct(StringComparer.Ordinal).Count(),
                persons.Sum(x => (double)x.Agreement.UrenPerWeek),
                Most(x => category.GetValueOrDefault(x.Agreement.ClientId, "??")),
                Most(x => x.Agreement.OvereenkomstType.ToString().ToLowerInvariant()));
        }
        return result;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return Model.RobustScaler.Quantile(sorted, 0.5);
    }
}
