using System.Security.Cryptography;
using System.Text;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Indicators;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Tests.Shared;
using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.Core.Tests.Run;

/// <summary>
/// The columnar form a run computes on: id numbers looked up by their bytes, declarations read as lines, and the risk
/// list independent of how ids are written and in which order declarations arrive.
/// </summary>
public class RunTablesTests
{
    private static readonly GeneratedInputs Data = GeneratedInputs.Create(60, 1800, seed: 29);
    private const string RunId = "run-20250101T000000Z-tabel";
    private static RiskConfiguration Config => new();
    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void Ids_are_found_by_their_bytes_short_and_long_and_a_repeated_id_keeps_its_first_number()
    {
        var longId = Convert.ToHexStringLower(SHA256.HashData(Utf8("cliënt 1")));
        var longSibling = longId[..63] + (longId[63] == '0' ? '1' : '0'); // same first bytes, other last byte
        var ids = new IdTable(8);
        foreach (var id in new[] { "C1", "é-12", longId, "C1", "0000000000000016", "00000000000000016" }) ids.GetOrAdd(id);
        var index = new Utf8IdIndex(ids);

        Assert.Equal(0, index.IndexOf(Utf8("C1")));
        Assert.Equal(1, index.IndexOf(Utf8("é-12")));
        Assert.Equal(2, index.IndexOf(Utf8(longId)));
        Assert.Equal(3, index.IndexOf(Utf8("0000000000000016")));
        Assert.Equal(4, index.IndexOf(Utf8("00000000000000016")));
        Assert.Equal(-1, index.IndexOf(Utf8(longSibling)));
        Assert.Equal(-1, index.IndexOf(Utf8("C2")));
        Assert.Equal(-1, index.IndexOf(Utf8("c1")));
        Assert.Equal(-1, index.IndexOf(default));

        Assert.True(index.Is(2, Utf8(longId), IdKey.Of(longId)));
        Assert.False(index.Is(2, Utf8(longSibling), IdKey.Of(longSibling)));
        Assert.False(index.Is(0, Utf8("C2"), IdKey.Of("C2")));
        Assert.False(index.Is(5, Utf8("C1"), IdKey.Of("C1")));
        Assert.True(IdKey.SameId(longId, Utf8(longId)));
        Assert.False(IdKey.SameId(longId, Utf8(longSibling)));
    }

    [Theory]
    [InlineData("10.005", 1001)]
    [InlineData("-10.005", -1001)]
    [InlineData("686.40", 68640)]
    [InlineData("7", 700)]
    public void A_declared_amount_is_counted_in_cents(string bedrag, long cents)
    {
        var line = new DeclarationLine();
        line.Set(new Declaratie("D1", "C1", "A1", null, new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31), null, 1, "04", null,
            decimal.Parse(bedrag, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(cents, line.Cents);
        Assert.True(line.Allocation.IsEmpty);
    }

    [Fact]
    public void A_repeated_client_id_keeps_its_first_row()
    {
        var first = new Client("C1", new Adres("1234AB", 12, null, null), new DateOnly(2020, 1, 1), null);
        var repeated = new Client("C1", new Adres("9999ZZ", 1, null, null), new DateOnly(2024, 1, 1), null);
        var tables = RunTables.From(new RunInputs([first, repeated], [], [], [], () => [], null));
        Assert.Equal(1, tables.Clienten.Count);
        Assert.Equal(first.Adres, tables.Clienten.Adres(0));
        Assert.Equal(first.AdresSinds, tables.Clienten.AdresSinds(0));
    }

    [Fact]
    public void Long_pseudonyms_and_allocation_ids_give_the_same_risk_list()
    {
        // Hash pseudonyms (64 characters) take the other path of every id comparison; the facts must not change.
        static string Long(string id) => Convert.ToHexStringLower(SHA256.HashData(Utf8(id)));
        var inputs = Data.Inputs;
        var renamed = new RunInputs(
            inputs.Clienten.Select(c => c with { ClientId = Long(c.ClientId) }).ToList(),
            inputs.Aanbieders,
            inputs.Toewijzingen.Select(t => t with { ClientId = Long(t.ClientId), ToewijzingId = "toewijzing-met-lang-nummer-" + t.ToewijzingId }).ToList(),
            inputs.PgbOvereenkomsten.Select(o => o with { ClientId = Long(o.ClientId) }).ToList(),
            () => inputs.Declaraties().Select(d => d with
            {
                ClientId = Long(d.ClientId),
                ToewijzingId = d.ToewijzingId is null ? null : "toewijzing-met-lang-nummer-" + d.ToewijzingId,
            }),
            inputs.BagAdressen);

        var expected = RiskEngine.Compute(RunTables.From(inputs), Config, RunId);
        var actual = RiskEngine.Compute(RunTables.From(renamed), Config, RunId);
        Assert.Contains(expected.Signals, s => s.Status == ReviewStatus.TeBeoordelen && s.Signalen.Contains("MAX_DECL"));
        Assert.Equal(RiskListCsv.Write(expected.Signals), RiskListCsv.Write(actual.Signals));
    }

    [Fact]
    public void The_order_of_declarations_and_allocations_does_not_change_the_risk_list()
    {
        // Consecutive declarations of one allocation are checked without a lookup; shuffled, every one is looked up.
        var inputs = Data.Inputs;
        var random = new Random(5);
        var declarations = inputs.Declaraties().OrderBy(_ => random.Next()).ToList();
        var shuffled = inputs with
        {
            Toewijzingen = inputs.Toewijzingen.OrderBy(_ => random.Next()).ToList(),
            Declaraties = () => declarations,
        };
        Assert.Equal(RiskListCsv.Write(RiskEngine.Compute(RunTables.From(inputs), Config, RunId).Signals), RiskListCsv.Write(RiskEngine.Compute(RunTables.From(shuffled), Config, RunId).Signals));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1000)]
    public void The_pass_over_the_declarations_adds_them_in_file_order_whatever_the_batches(int batchSize)
    {
        // The pass resolves declarations on two threads in batches; series and their floating-point sums must come out
        // exactly as with one batch holding every declaration.
        var tables = RunTables.From(Data.Inputs);
        var count = tables.DeclarationLines().Count();
        Assert.True(count > 3 * 1000, $"{count} declarations: too few for several batches");
        var peildatum = ProviderFactsBuilder.DefaultPeildatum(tables, new DateOnly(2025, 12, 31));
        var windowStart = new DateOnly(peildatum.Year, peildatum.Month, 1).AddMonths(-(ProviderFactsBuilder.Maanden - 1));
        static string Describe(BillingPass.Billing?[] billing) => string.Join("\n", billing.Select((b, i) => b is null ? $"{i}: -" :
            $"{i}: {b.Total} {b.Outside} {b.OutsideCount} {b.Series} {b.IdenticalSeries} {b.MonthsWithMaximum} {b.MonthsAtMaximum} " +
            string.Join(",", b.Amount) + " " + string.Join(",", b.Volume.Select(BitConverter.DoubleToInt64Bits)) + " " +
            string.Join(",", b.Maximum.Select(BitConverter.DoubleToInt64Bits))));

        var whole = Describe(BillingPass.Run(tables, windowStart, peildatum, Config.Drempels, batchSize: count + 1));
        Assert.Contains(BillingPass.Run(tables, windowStart, peildatum, Config.Drempels, batchSize: count + 1), b => b is { MonthsAtMaximum: > 0 });
        Assert.Equal(whole, Describe(BillingPass.Run(tables, windowStart, peildatum, Config.Drempels, batchSize)));
    }
}
