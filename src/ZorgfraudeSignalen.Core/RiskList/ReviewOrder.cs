namespace ZorgfraudeSignalen.Core.RiskList;

/// <summary>
/// The order of review: the list by risicoscore, except that its first <c>window</c> places show every kind of
/// published signal. Where an indicator fired for a published provider but for none in the window, the provider with
/// the highest score among those it fired for takes one of the window's last places; the providers it displaces move
/// down one place each, and nothing before them moves. Why: the weights are estimates from one run, and a scheme that
/// leaves a single, common trace (billing the maximum) otherwise queues behind every case with two traces, so a
/// reviewer working from the top would not see it at all.
/// </summary>
public static class ReviewOrder
{
    /// <param name="rows">The providers in score order: whether each is published, and the indicators that fired for it.</param>
    /// <param name="window">Places at the top that show every published kind of signal; 0 or less keeps the score order.</param>
    /// <returns>The indices of <paramref name="rows"/> in review order, and for each provider moved into the window the
    /// kind of signal it was moved in to show.</returns>
    public static (int[] Order, IReadOnlyDictionary<int, string> MovedIn) Arrange(IReadOnlyList<(bool Published, IReadOnlyList<string> Fired)> rows, int window)
    {
        var identity = Enumerable.Range(0, rows.Count).ToArray();
        var movedIn = new SortedDictionary<int, string>();
        if (window <= 0 || rows.Count <= window) return (identity, movedIn);

        // Every published kind of signal, in the order of the list.
        var kinds = new List<string>();
        foreach (var row in rows)
            if (row.Published)
                foreach (var code in row.Fired)
                    if (!kinds.Contains(code)) kinds.Add(code);

        // Each kind missing from the window brings in its highest-scoring provider, which pushes the window's last
        // provider out; that one may have been the only one of its kind, so look again until every kind is in.
        while (movedIn.Count < window)
        {
            var kept = window - movedIn.Count;
            var shown = new HashSet<string>(StringComparer.Ordinal);
            foreach (var i in identity.Take(kept).Concat(movedIn.Keys))
                if (rows[i].Published) shown.UnionWith(rows[i].Fired);
            var missing = kinds.FirstOrDefault(k => !shown.Contains(k));
            if (missing is null) break;
            movedIn.Add(identity.Skip(kept).First(i => !movedIn.ContainsKey(i) && rows[i].Published && rows[i].Fired.Contains(missing)), missing);
        }

        var top = window - movedIn.Count;
        var order = identity.Take(top).Concat(movedIn.Keys).Concat(identity.Skip(top).Where(i => !movedIn.ContainsKey(i))).ToArray();
        return (order, movedIn);
    }
}
