using System.Globalization;

namespace ZorgfraudeSignalen.Generator;

/// <summary>
/// The habits and make-up of one generated municipality: how honest providers bill and charge, how buildings are
/// formed, whether a BAG extract exists and how blatant each planted scheme is. <see cref="Trek"/> draws one from the
/// seed, so every seed is a different municipality and an evaluation over many seeds cannot fit one world;
/// <see cref="Referentie"/> is the fixed world of the committed samples, with the numbers docs/generator.md states.
/// </summary>
public sealed record Wereldprofiel
{
    /// <summary>"referentie", or "seed N" for a drawn world.</summary>
    public string Naam { get; init; } = "referentie";

    // The roster: shares of provider kinds (the rest are ZIN organisations) and how unequal their sizes are.
    public double ZzpAandeel { get; init; } = 0.15;
    public double ParticulierAandeel { get; init; } = 0.05;
    public double FamilieAandeel { get; init; } = 0.07;
    public double PgbInstellingAandeel { get; init; } = 0.07;
    /// <summary>Standard deviation of the log of a ZIN provider's size.</summary>
    public double GewichtSpreiding { get; init; } = 1.0;
    public double BeschermdWonenAandeel { get; init; } = 0.025;

    // Honest PGB carers.
    /// <summary>Share of honest zzp, private and organisation carers who are specialists charging 1.4 × the median or more.</summary>
    public double SpecialistAandeel { get; init; }
    /// <summary>The highest specialist rate factor (the spread of honest specialists reaches about 2.1 × the median).</summary>
    public double SpecialistMaximum { get; init; } = 2.1;
    /// <summary>Budgets just cover a specialist's contracted hours, which are then nearly all billed: a high rate fills the budget.</summary>
    public bool KrappeBudgetten { get; init; }
    /// <summary>Share of honest zzp and private carers with many budget holders (8–20), each for a few hours a week.</summary>
    public double GroteZzpAandeel { get; init; }

    // Billing habits.
    /// <summary>Products counted in whole units (dagdeel, etmaal, rit) are billed in whole units: the maximum rounded down.</summary>
    public bool HeleEenheden { get; init; }
    /// <summary>Share of honest ZIN providers whose bills always cover the whole month, also when an allocation starts or ends in it.</summary>
    public double HeleMaandAandeel { get; init; }
    /// <summary>Chance that an ordinary declaration line is reversed by a credit note and billed again.</summary>
    public double CreditAandeel { get; init; } = 0.004;
    /// <summary>False: the municipality has no BAG extract (no bag_adressen file).</summary>
    public bool MetBag { get; init; } = true;

    // Building forms of the woonzorg scheme.
    /// <summary>A woonzorg provider houses its clients in 1 to this many buildings of its own (the vestiging is in the first).</summary>
    public int WoonzorgPandenMaximum { get; init; } = 1;
    /// <summary>Share of placed woonzorg clients who live elsewhere under the building's postcode instead of in it (1: postcode level only).</summary>
    public double WoonzorgRijAandeel { get; init; } = 0.25;

    /// <summary>Chance that a planted provider runs its group's main scheme only, without the companions (reference 0: always the full group).</summary>
    public double EnkelSchemaKans { get; init; }

    // Strength of each planted scheme: 1 is blatant (the reference), 0 the subtlest this generator plants. The
    // parameters below follow from them; a drawn world sets both.
    public double WoonzorgSterkte { get; init; } = 1;
    public double MaximumSterkte { get; init; } = 1;
    public double TariefSterkte { get; init; } = 1;
    public double NetwerkSterkte { get; init; } = 1;
    public double BuitenSterkte { get; init; } = 1;

    /// <summary>Least and most share of a woonzorg provider's clients placed in its buildings: 0.45–0.60 (subtle) to 0.80–0.95.</summary>
    public double WoonzorgGeplaatstMin { get; init; } = 0.80;
    public double WoonzorgGeplaatstMax { get; init; } = 0.95;
    /// <summary>Share of a maximum biller's allocations billed at the maximum: 0.60 to 0.97.</summary>
    public double MaximumAandeel { get; init; } = 0.97;
    /// <summary>Rate factor range of an inflated-rate organisation: 1.7–2.0 × the median (subtle) to 1.9–2.6 ×.</summary>
    public double TariefMin { get; init; } = 1.9;
    public double TariefMax { get; init; } = 2.6;
    /// <summary>Share of a network member's clients housed in the network's building: 0.25 to 0.5.</summary>
    public double NetwerkPandAandeel { get; init; } = 0.5;
    /// <summary>Share of an outside-allocation biller's allocations billed outside their validity: 0.10 to 0.40.</summary>
    public double BuitenAandeel { get; init; } = 0.4;

    /// <summary>The fixed world of the committed samples and of the tests that assert the documented strengths.</summary>
    public static readonly Wereldprofiel Referentie = new();

    /// <summary>A municipality drawn from the seed: the same seed always gives the same world.</summary>
    public static Wereldprofiel Trek(int seed)
    {
        var rng = Rng.For(seed, "wereld");
        return new Wereldprofiel
        {
            Naam = "seed " + seed.ToString(CultureInfo.InvariantCulture),
            ZzpAandeel = rng.Uniform(0.10, 0.33),
            ParticulierAandeel = rng.Uniform(0.03, 0.10),
            FamilieAandeel = rng.Uniform(0.04, 0.10),
            PgbInstellingAandeel = rng.Uniform(0.04, 0.09),
            GewichtSpreiding = rng.Uniform(0.6, 1.4),
            BeschermdWonenAandeel = rng.Uniform(0.01, 0.04),
            SpecialistAandeel = rng.Uniform(0, 0.3),
            SpecialistMaximum = rng.Uniform(1.6, 2.1),
            GroteZzpAandeel = rng.Chance(0.8) ? rng.Uniform(0.05, 0.5) : 0,
            KrappeBudgetten = rng.Chance(0.5),
            EnkelSchemaKans = rng.Uniform(0, 0.8),
            HeleEenheden = rng.Chance(0.5),
            HeleMaandAandeel = rng.Chance(0.6) ? rng.Uniform(0.05, 0.3) : 0,
            CreditAandeel = rng.Uniform(0, 0.02),
            MetBag = rng.Chance(0.75),
            WoonzorgPandenMaximum = rng.Between(1, 4),
            WoonzorgRijAandeel = rng.Chance(0.2) ? 1.0 : rng.Uniform(0.1, 0.6),
        }.MetSterktes(rng.NextDouble(), rng.NextDouble(), rng.NextDouble(), rng.NextDouble(), rng.NextDouble());
    }

    /// <summary>This world with the schemes planted at the given strengths (0 subtle … 1 blatant).</summary>
    public Wereldprofiel MetSterktes(double woonzorg, double maximum, double tarief, double netwerk, double buiten) => this with
    {
        WoonzorgSterkte = woonzorg,
        WoonzorgGeplaatstMin = 0.45 + 0.35 * woonzorg,
        WoonzorgGeplaatstMax = 0.60 + 0.35 * woonzorg,
        MaximumSterkte = maximum,
        MaximumAandeel = 0.60 + 0.37 * maximum,
        TariefSterkte = tarief,
        TariefMin = 1.7 + 0.2 * tarief,
        TariefMax = 2.0 + 0.6 * tarief,
        NetwerkSterkte = netwerk,
        NetwerkPandAandeel = 0.25 + 0.25 * netwerk,
        BuitenSterkte = buiten,
        BuitenAandeel = 0.10 + 0.30 * buiten,
    };

    /// <summary>One line for logs and benchmark output.</summary>
    public string Samenvatting() => string.Create(CultureInfo.InvariantCulture,
        $"{Naam}: BAG {(MetBag ? "ja" : "nee")}, zzp {ZzpAandeel:P0} (groot {GroteZzpAandeel:P0}), specialisten {SpecialistAandeel:P0} tot {SpecialistMaximum:F1}×, " +
        $"hele eenheden {(HeleEenheden ? "ja" : "nee")}, hele maanden {HeleMaandAandeel:P0}, creditnota's {CreditAandeel:P1}, " +
        $"woonzorgpanden ≤ {WoonzorgPandenMaximum}, rij {WoonzorgRijAandeel:P0}, krappe budgetten {(KrappeBudgetten ? "ja" : "nee")}, " +
        $"één schema {EnkelSchemaKans:P0}; sterkte woonzorg {WoonzorgSterkte:F2}, maximum {MaximumSterkte:F2}, " +
        $"tarief {TariefSterkte:F2}, netwerk {NetwerkSterkte:F2}, buiten {BuitenSterkte:F2}");
}
