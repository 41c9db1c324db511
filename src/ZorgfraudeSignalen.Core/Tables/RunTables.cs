using ZorgfraudeSignalen.Core.Addresses;
using ZorgfraudeSignalen.Core.Extracts;

namespace ZorgfraudeSignalen.Core.Tables;

/// <summary>
/// The inputs of a risk run in the compact form the run computes on: ids interned to dense integers, dates as day
/// numbers, one struct per row in an array instead of a graph of objects, and the BAG extract directly as its lookup
/// index. At national size (1.2 million clients, 1.6 million allocations, millions of BAG addresses) that is a few
/// hundred megabytes instead of gigabytes, and little for the garbage collector to trace. Built row by row (from
/// <see cref="RunInputs"/> or straight from the snapshots, see <see cref="Ingest.SnapshotLoader"/>) and not changed
/// afterwards, so the building analysis and the pass over the declarations can read it side by side.
/// </summary>
public sealed class RunTables
{
    internal RunTables(Builder b, Func<IEnumerable<Declaratie>> declaraties, Func<IEnumerable<DeclarationLine>>? lines, DateOnly? laatstePeriodeEind)
    {
        DeclarationLines = lines ?? (() => Lines(declaraties()));
        Clienten = b.Clients;
        Aanbieders = b.Providers;
        Toewijzingen = b.Allocations;
        PgbOvereenkomsten = b.Agreements;
        AgreementParties = b.AgreementParties;
        Bag = b.Bag?.Complete();
        Declaraties = declaraties;
        LaatstePeriodeEind = laatstePeriodeEind;
        ClientIds = b.ClientIds;
        ProviderIds = b.ProviderIds;
    }

    public ClientTable Clienten { get; }
    /// <summary>Providers as records: ten thousand at national size, and each carries lists (directors, accounts).</summary>
    public IReadOnlyList<Aanbieder> Aanbieders { get; }
    public AllocationTable Toewijzingen { get; }
    /// <summary>PGB agreements as records (a tenth of the allocations).</summary>
    public IReadOnlyList<PgbOvereenkomst> PgbOvereenkomsten { get; }
    /// <summary>Per agreement (same index) its client and provider as numbers of <see cref="ClientIds"/> and <see cref="ProviderIds"/>.</summary>
    internal IReadOnlyList<(int Client, int Provider)> AgreementParties { get; }
    internal BagIndex? Bag { get; }
    public bool MetBag => Bag is not null;
    /// <summary>Declarations are streamed from their snapshot on every enumeration; never held whole.</summary>
    public Func<IEnumerable<Declaratie>> Declaraties { get; }
    /// <summary>The declarations as the billing pass reads them: one reused <see cref="DeclarationLine"/>, no strings.</summary>
    internal Func<IEnumerable<DeclarationLine>> DeclarationLines { get; }

    private static IEnumerable<DeclarationLine> Lines(IEnumerable<Declaratie> records)
    {
        var line = new DeclarationLine();
        foreach (var d in records)
        {
            line.Set(d);
            yield return line;
        }
    }

    /// <summary>The latest periode_eind of the declarations when it is known without reading them (recorded at ingest).</summary>
    public DateOnly? LaatstePeriodeEind { get; }
    /// <summary>Client ids: the clients extract's rows first (index = row), then ids met only in allocations or agreements.</summary>
    internal IdTable ClientIds { get; }
    /// <summary>Provider ids: the providers extract's ids first, then ids met only in allocations or agreements.</summary>
    internal IdTable ProviderIds { get; }

    public static RunTables From(RunInputs inputs)
    {
        var b = new Builder(inputs.Clienten.Count, inputs.Toewijzingen.Count, inputs.BagAdressen?.Count);
        foreach (var c in inputs.Clienten) b.Clients.Add(c);
        foreach (var a in inputs.Aanbieders) b.AddProvider(a);
        foreach (var t in inputs.Toewijzingen) b.AddAllocation(t);
        foreach (var o in inputs.PgbOvereenkomsten) b.AddAgreement(o);
        if (inputs.BagAdressen is { } bag) foreach (var a in bag) b.Bag!.Add(a);
        return new RunTables(b, inputs.Declaraties, null, null);
    }

    /// <summary>
    /// Collects the rows in the order the tables need them: clients, then providers, then allocations and agreements
    /// (which intern their client and provider ids), BAG at any time.
    /// </summary>
    internal sealed class Builder
    {
        public readonly IdTable ClientIds;
        public readonly IdTable ProviderIds = new(16_384);
        public readonly ClientTable Clients;
        public readonly List<Aanbieder> Providers = new();
        public readonly AllocationTable Allocations;
        public readonly List<PgbOvereenkomst> Agreements = new();
        public readonly List<(int Client, int Provider)> AgreementParties = new();
        public readonly BagIndex? Bag;

        public Builder(int clients, int allocations, int? bagAddresses)
        {
            ClientIds = new IdTable(clients + clients / 8);
            Clients = new ClientTable(ClientIds, clients);
            Allocations = new AllocationTable(allocations);
            Bag = bagAddresses is { } n ? new BagIndex(n) : null;
        }

        public void AddProvider(Aanbieder a)
        {
            Providers.Add(a);
            ProviderIds.GetOrAdd(a.AanbiederId);
        }

        public void AddAllocation(Toewijzing t) =>
            Allocations.Add(t, ClientIds.GetOrAdd(t.ClientId), ProviderIds.GetOrAdd(t.AanbiederId));

        public void AddAgreement(PgbOvereenkomst o)
        {
            Agreements.Add(o);
            AgreementParties.Add((ClientIds.GetOrAdd(o.ClientId), ProviderIds.GetOrAdd(o.AanbiederId)));
        }

        public RunTables Build(Func<IEnumerable<Declaratie>> declaraties, Func<IEnumerable<DeclarationLine>>? lines, DateOnly? laatstePeriodeEind) =>
            new(this, declaraties, lines, laatstePeriodeEind);
    }
}

/// <summary>Dense integer numbers for string ids, in order of first appearance; the strings are kept once.</summary>
internal sealed class IdTable(int capacity)
{
    private readonly Dictionary<string, int> _index = new(capacity, StringComparer.Ordinal);
    private readonly List<string> _ids = new(capacity);

    public int Count => _ids.Count;
    public string this[int index] => _ids[index];

    public int GetOrAdd(string id)
    {
        if (_index.TryGetValue(id, out var i)) return i;
        i = _ids.Count;
        _index.Add(id, i);
        _ids.Add(id);
        return i;
    }

    /// <summary>The id's number, or -1.</summary>
    public int IndexOf(string id) => _index.TryGetValue(id, out var i) ? i : -1;
}

/// <summary>
/// The clients extract: one row per distinct client_id (a repeated id keeps its first row), the address normalised to
/// numbers. Row numbers are the client numbers of <see cref="RunTables.ClientIds"/>.
/// </summary>
public sealed class ClientTable
{
    internal readonly record struct Row(int Postcode, int Huisnummer, string? Huisletter, string? Toevoeging, int Since, long Nummeraanduiding);

    private readonly IdTable _ids;
    private readonly List<Row> _rows;
    // Rare: a nummeraanduiding id that is not 16 digits, and an address that does not normalise (kept as written).
    private Dictionary<int, string>? _otherNummeraanduiding;
    private Dictionary<int, Adres>? _invalid;
    private readonly SharedStrings _toevoegingen = new();

    internal ClientTable(IdTable ids, int capacity)
    {
        _ids = ids;
        _rows = new List<Row>(capacity);
    }

    public int Count => _rows.Count;
    internal Row this[int row] => _rows[row];
    public string Id(int row) => _ids[row];
    public DateOnly AdresSinds(int row) => DateOnly.FromDayNumber(_rows[row].Since);

    /// <summary>The normalised address (as written when it does not normalise).</summary>
    public Adres Adres(int row)
    {
        var r = _rows[row];
        if (r.Postcode < 0) return _invalid![row];
        return new Adres(AdresCode.PostcodeTekst(r.Postcode), r.Huisnummer, r.Huisletter, r.Toevoeging);
    }

    public string? NummeraanduidingId(int row)
    {
        var key = _rows[row].Nummeraanduiding;
        return key > 0 ? BagIdIndex.Text(key) : key < 0 ? _otherNummeraanduiding![row] : null;
    }

    internal void Add(Client c)
    {
        var row = _ids.GetOrAdd(c.ClientId);
        if (row < _rows.Count) return; // a repeated client id: the first row counts
        long nad = 0;
        if (!string.IsNullOrWhiteSpace(c.NummeraanduidingId))
        {
            var id = c.NummeraanduidingId.Trim();
            if (!BagIdIndex.TryNumeric(id, out nad))
            {
                nad = -1;
                (_otherNummeraanduiding ??= new())[row] = id;
            }
        }
        if (AdresNormalisatie.TryNormaliseer(c.Adres, out var n, out _))
        {
            var toevoeging = n.Toevoeging is null ? null : _toevoegingen.Of(n.Toevoeging);
            _rows.Add(new Row(AdresCode.Postcode(n.Postcode), n.Huisnummer, n.Huisletter, toevoeging, c.AdresSinds.DayNumber, nad));
        }
        else
        {
            (_invalid ??= new())[row] = c.Adres;
            _rows.Add(new Row(-1, 0, null, null, c.AdresSinds.DayNumber, nad));
        }
    }
}

/// <summary>
/// The allocations extract, every row, with client and provider as numbers of <see cref="RunTables.ClientIds"/> and
/// <see cref="RunTables.ProviderIds"/>, and the allocation id as a number of its own (a repeated id keeps its first row
/// for <see cref="FirstRow"/>).
/// </summary>
public sealed class AllocationTable
{
    internal readonly record struct Row(
        int Id, int Client, int Provider, string Productcategorie, Leveringsvorm Leveringsvorm,
        int Start, int End, decimal Volume, string Eenheid, string Frequentie)
    {
        public bool Covers(int day) => Start <= day && day <= End;
    }

    private readonly List<Row> _rows;
    internal readonly IdTable Ids;
    private readonly List<int> _firstRow;

    internal AllocationTable(int capacity)
    {
        _rows = new List<Row>(capacity);
        Ids = new IdTable(capacity);
        _firstRow = new List<int>(capacity);
    }

    public int Count => _rows.Count;
    internal Row this[int row] => _rows[row];
    internal ReadOnlySpan<Row> Rows => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_rows);
    /// <summary>The first row with the allocation id of this number.</summary>
    internal int FirstRow(int id) => _firstRow[id];

    /// <summary>Per client number the rows of its PGB allocations (its budgets), in extract order.</summary>
    internal Dictionary<int, List<int>> PgbRowsByClient()
    {
        var byClient = new Dictionary<int, List<int>>();
        for (var r = 0; r < Count; r++)
        {
            if (this[r].Leveringsvorm != Leveringsvorm.Pgb) continue;
            if (!byClient.TryGetValue(this[r].Client, out var list)) byClient[this[r].Client] = list = [];
            list.Add(r);
        }
        return byClient;
    }

    internal void Add(Toewijzing t, int client, int provider)
    {
        var id = Ids.GetOrAdd(t.ToewijzingId);
        if (id == _firstRow.Count) _firstRow.Add(_rows.Count);
        _rows.Add(new Row(id, client, provider, t.Productcategorie, t.Leveringsvorm, t.Ingangsdatum.DayNumber,
            t.Einddatum?.DayNumber ?? int.MaxValue, t.Volume, t.Eenheid, t.Frequentie));
    }
}
