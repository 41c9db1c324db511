using System.Text.Json.Serialization;

namespace ZorgfraudeSignalen.Core.Learning;

/// <summary>How far up the list the learned part may lift a provider (docs/leren.md).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Optilling>))]
public enum Optilling
{
    /// <summary>Anywhere: the list is ordered by the blended score alone.</summary>
    Overal,
    /// <summary>
    /// A provider whose base score is below the publication threshold is lifted up to, but not above, the rules'
    /// signals: it ranks after every provider whose base score reaches the threshold, and is published when its
    /// lifted score reaches it. The rules' signals are lifted among themselves.
    /// </summary>
    AchterRegels,
    /// <summary>As <see cref="AchterRegels"/>, and the rules' signals keep their base score: the learned part only orders the providers below the threshold.</summary>
    AlleenOnderDrempel,
}

/// <summary>
/// How the run learns from reviewers' assessments (docs/leren.md). Part of the run configuration, so it is recorded
/// with every model run and a change shows in the audit log. With no assessments in the store none of this changes
/// the risk list.
/// </summary>
public sealed record LearningSettings
{
    /// <summary>Off: no labels, no exploration sample, no memory; the risk list is the rules' and the anomaly model's alone.</summary>
    public bool Aan { get; init; } = true;

    /// <summary>The supervised model is blended in only with at least this many positive labels ...</summary>
    public int MinimumPositief { get; init; } = 30;

    /// <summary>... and at least this many negative labels.</summary>
    public int MinimumNegatief { get; init; } = 30;

    /// <summary>A label older than this (days between the assessment and the run date) is no longer used.</summary>
    public int LabelGeldigheidDagen { get; init; } = 730;

    /// <summary>Leave out labels about providers who are natural persons (engaged by budget holders as a person).</summary>
    public bool NatuurlijkePersonenUitsluiten { get; init; }

    /// <summary>Share of the providers below the publication threshold put on the list as a random sample ...</summary>
    public double SteekproefAandeel { get; init; } = 0.02;

    /// <summary>... but at least this many (when there are that many).</summary>
    public int SteekproefMinimum { get; init; } = 3;

    /// <summary>
    /// Share of the sample drawn in proportion to the base score, the rest uniformly (0: all uniform). Looks more often
    /// just below the threshold, where the frauds the rules miss mostly are; with 0.5 no provider's chance is below
    /// half the uniform one, so no label's weight exceeds twice what a uniform sample gives it.
    /// </summary>
    public double SteekproefNaarScore { get; init; } = 0.5;

    /// <summary>Weigh labels by the inverse of their chance of being reviewed (false: every label counts once, the naive way).</summary>
    public bool Wegen { get; init; } = true;

    /// <summary>A label's propensity is held at no less than this, so that one sampled label cannot outweigh the rest (clipped weights).</summary>
    public double MinimumPropensiteit { get; init; } = 0.05;

    /// <summary>Share of the learned probability in the blended risicoscore: score = (1 − w) × base + w × 100 × p.</summary>
    public double GewichtGeleerd { get; init; } = 0.5;

    /// <summary>
    /// The learned part only lifts: score = max(base, blend). It surfaces what the rules miss and never pushes a
    /// provider the rules flag down because the labels so far have not shown its pattern (false: the plain blend).
    /// </summary>
    public bool AlleenOphogen { get; init; } = true;

    /// <summary>
    /// How far up the list the learned part may lift a provider. An early model that is sure of the wrong thing
    /// should not take the reviewers' time from the rules' signals; what learning adds is order among what the rules
    /// do not publish. Behind the rules the model needs no caution (<see cref="KleineBomen"/>, <see cref="Krimp"/>):
    /// a wrong model can take the reviewers' time only once the rules' signals are reviewed.
    /// </summary>
    public Optilling Optillen { get; init; } = Optilling.AchterRegels;

    /// <summary>A provider assessed geen_aanwijzing is not published again for this many days, unless its facts changed materially.</summary>
    public int WachttijdGeenAanwijzingDagen { get; init; } = 365;

    /// <summary>A feature moved by at least this many interquartile ranges of the run counts as a material change.</summary>
    public double MaterieleWijziging { get; init; } = 1.0;

    /// <summary>Trees of the supervised model (FastTree).</summary>
    public int Bomen { get; init; } = 100;

    /// <summary>Leaves per tree, at most: with few labels the trees get fewer (see <see cref="KleineBomen"/>).</summary>
    public int Bladeren { get; init; } = 8;

    /// <summary>
    /// Small data, small trees: a leaf must hold at least √n labels (n = all labels, at least 5) and a tree has at most
    /// as many leaves as the scarcer class fills such leaves, so that a first model cannot split its handful of labels
    /// into leaves of one or two (false: at most <see cref="Bladeren"/> leaves, leaves of n/20 labels, 2 to 10).
    /// Off by default: with <see cref="Optilling.AchterRegels"/> an early model cannot displace the rules' signals.
    /// </summary>
    public bool KleineBomen { get; init; }

    /// <summary>
    /// m of the m-estimate: the learned probability p is shrunk towards the labels' (weighted) base rate π as
    /// (n × p + m × π) / (n + m), n = the count of the scarcer class. Few labels, little trust: with n = m the model
    /// has half its say. Null: the minimum label count (the smaller of <see cref="MinimumPositief"/> and
    /// <see cref="MinimumNegatief"/>); 0 (the default, see <see cref="Optillen"/>): no shrinkage.
    /// </summary>
    public int? Krimp { get; init; } = 0;
}
