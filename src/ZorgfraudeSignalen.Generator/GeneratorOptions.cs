namespace ZorgfraudeSignalen.Generator;

/// <summary>What to generate. The same options and seed always give byte-identical files.</summary>
public sealed record GeneratorOptions
{
    public int Seed { get; init; } = 20251;
    public int Aanbieders { get; init; } = 100;
    public int Clienten { get; init; } = 12_000;

    /// <summary>Months of declarations, ending with <see cref="LaatsteMaand"/>.</summary>
    public int Maanden { get; init; } = 12;

    /// <summary>The last declared calendar month (its first day); the extracts are dated ten days after it ends.</summary>
    public DateOnly LaatsteMaand { get; init; } = new(2025, 12, 1);

    /// <summary>Target share of providers with a planted fraud pattern (at least one full first cycle is always planted).</summary>
    public double FraudeAandeel { get; init; } = 0.07;

    /// <summary>The municipality's make-up; null draws one from <see cref="Seed"/> (<see cref="Wereldprofiel.Trek"/>).</summary>
    public Wereldprofiel? Wereld { get; init; }

    /// <summary>The world this generation uses.</summary>
    public Wereldprofiel Profiel => Wereld ?? Wereldprofiel.Trek(Seed);

    /// <summary>
    /// Names to give chosen providers (by their index in the population) instead of generated ones, e.g. a name that
    /// is markup or a spreadsheet formula, to test what the portal and the CSV files do with hostile data.
    /// </summary>
    public IReadOnlyDictionary<int, string>? Namen { get; init; }

    public DateOnly EersteMaand => LaatsteMaand.AddMonths(-(Maanden - 1));
    public DateOnly Peildatum => LaatsteMaand.AddMonths(1).AddDays(-1);
    public DateOnly Extractdatum => LaatsteMaand.AddMonths(1).AddDays(9);

    /// <summary>The presets of <c>generate --scale</c>.</summary>
    public static GeneratorOptions ForScale(string scale, int seed) => scale.Trim().ToLowerInvariant() switch
    {
        "sample" => new() { Seed = seed, Aanbieders = 40, Clienten = 2_000 },
        "mid" => new() { Seed = seed, Aanbieders = 100, Clienten = 12_000 },
        "10x" => new() { Seed = seed, Aanbieders = 1_000, Clienten = 120_000 },
        // 100x of mid and the national figures coincide: 10,000 providers, 1.2 million clients.
        "100x" or "national" => new() { Seed = seed, Aanbieders = 10_000, Clienten = 1_200_000 },
        _ => throw new ArgumentException($"Onbekende schaal '{scale}': kies sample, mid, 10x, 100x of national."),
    };

    public static readonly IReadOnlyList<string> Scales = ["sample", "mid", "10x", "100x", "national"];

    public void Validate()
    {
        if (Aanbieders < 25) throw new ArgumentException("Minstens 25 aanbieders nodig (de vaste patronen en look-alikes passen anders niet).");
        if (Clienten < Aanbieders * 10) throw new ArgumentException("Minstens 10 cliënten per aanbieder nodig.");
        // 2.2 dwellings per client must fit in the postcode ranges of the 20 municipalities (the smallest holds ~250,000).
        if (Clienten > 1_500_000) throw new ArgumentException("Hoogstens 1.500.000 cliënten.");
        if (Maanden is < 3 or > 60) throw new ArgumentException("Maanden moet tussen 3 en 60 liggen.");
        if (FraudeAandeel is < 0 or > 0.5) throw new ArgumentException("Fraudeaandeel moet tussen 0 en 0,5 liggen.");
    }
}
