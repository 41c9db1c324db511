using ZorgfraudeSignalen.Core.Extracts;

namespace ZorgfraudeSignalen.Core.Tables;

/// <summary>
/// The inputs of a risk run as records, one object per row: how tests, the synthetic data and tools describe them.
/// A run computes on <see cref="RunTables"/> (<see cref="RunTables.From"/>), which the snapshot loader builds without
/// records. Declarations are the largest extract (tens of millions of lines nationally), so they are streamed:
/// <see cref="Declaraties"/> may be enumerated more than once and never needs to be held in memory whole.
/// </summary>
public sealed record RunInputs(
    IReadOnlyList<Client> Clienten,
    IReadOnlyList<Aanbieder> Aanbieders,
    IReadOnlyList<Toewijzing> Toewijzingen,
    IReadOnlyList<PgbOvereenkomst> PgbOvereenkomsten,
    Func<IEnumerable<Declaratie>> Declaraties,
    IReadOnlyList<BagAdres>? BagAdressen);
