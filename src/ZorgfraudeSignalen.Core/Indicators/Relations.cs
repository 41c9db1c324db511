using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.Core.Indicators;

/// <summary>The provider–client relations of the allocations and agreements: who is in care with whom, now and a year earlier.</summary>
internal static class Relations
{
    /// <summary>Per provider number: distinct clients in care at the peildatum, a year earlier, and of those now, how many started within the year.</summary>
    internal sealed record RelationCounts(int[] Active, int[] ActiveYearEarlier, int[] New);

    /// <summary>
    /// Counts distinct (provider, client) relations by sorting rather than hashing: every allocation and agreement is
    /// one key with its start and whether it is in force now and a year earlier; care starts at the earliest start.
    /// </summary>
    internal static RelationCounts Count(RunTables inputs, DateOnly peildatum, DateOnly yearEarlier)
    {
        var allocations = inputs.Toewijzingen.Rows;
        var n = allocations.Length + inputs.PgbOvereenkomsten.Count;
        var keys = new long[n];
        var items = new long[n]; // start << 2 | in force now (1) | in force a year earlier (2)
        int now = peildatum.DayNumber, before = yearEarlier.DayNumber, k = 0;
        static long Item(int start, int end, int now, int before) =>
            (long)start << 2 | (start <= now && now <= end ? 1L : 0) | (start <= before && before <= end ? 2L : 0);
        foreach (ref readonly var a in allocations)
        {
            keys[k] = (long)a.Provider << 32 | (uint)a.Client;
            items[k++] = Item(a.Start, a.End, now, before);
        }
        for (var i = 0; i < inputs.PgbOvereenkomsten.Count; i++)
        {
            var o = inputs.PgbOvereenkomsten[i];
            var (client, provider) = inputs.AgreementParties[i];
            keys[k] = (long)provider << 32 | (uint)client;
            items[k++] = Item(o.Ingangsdatum.DayNumber, o.Einddatum?.DayNumber ?? int.MaxValue, now, before);
        }
        Array.Sort(keys, items);
        var providers = inputs.ProviderIds.Count;
        var counts = new RelationCounts(new int[providers], new int[providers], new int[providers]);
        for (var i = 0; i < n;)
        {
            var j = i;
            var start = long.MaxValue;
            long flags = 0;
            for (; j < n && keys[j] == keys[i]; j++)
            {
                start = Math.Min(start, items[j] >> 2);
                flags |= items[j] & 3;
            }
            var provider = (int)(keys[i] >> 32);
            if ((flags & 1) != 0) counts.Active[provider]++;
            if ((flags & 2) != 0) counts.ActiveYearEarlier[provider]++;
            if ((flags & 1) != 0 && start > before) counts.New[provider]++;
            i = j;
        }
        return counts;
    }
}
