using ZorgfraudeSignalen.Core.Extracts;

namespace ZorgfraudeSignalen.Core.Run;

/// <summary>
/// The accepted snapshots a risk run works on. Declarations are the largest extract (tens of millions of lines
/// nationally), so they are streamed: <see cref="Declaraties"/> may be enumerated more than once and never needs
/// to be held in memory whole.
/// </summary>
public sealed record RunInputs(
    IReadOnlyList<Client> Clienten,
    IReadOnlyList<Aanbieder> Aanbieders,
    IReadOnlyList<Toewijzing> Toewijzingen,
    IReadOnlyList<PgbOvereenkomst> PgbOvereenkomsten,
    Func<IEnumerable<Declaratie>> Declaraties,
    IReadOnlyList<BagAdres>? BagAdressen);
