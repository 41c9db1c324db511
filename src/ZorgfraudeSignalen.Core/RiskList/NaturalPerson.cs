using System.Text.RegularExpressions;

namespace ZorgfraudeSignalen.Core.RiskList;

/// <summary>
/// The one rule for whether a provider is a natural person (a zzp'er, an eenmanszaak, a family carer paid from a
/// PGB), used by the risk run to mark the signal (<see cref="Signal.NatuurlijkPersoon"/>), by the learning to leave
/// such labels out when configured, and by the portal to ask for extra care. The extracts carry no legal form, so
/// two facts decide, and either suffices:
/// <list type="bullet">
/// <item>the provider's kind (its peer group's <c>soort</c>: in PGB the most common agreement type) is a person's
/// agreement: <c>arbeidsovereenkomst</c>, <c>opdracht</c> or <c>familie</c>;</item>
/// <item>its name reads as a person's: initials and a surname ("F. van der Meer"), or a one-person business's
/// words (eenmanszaak, zzp, h.o.d.n., mantelzorg).</item>
/// </list>
/// A provider recognised is a person; one not recognised is not proven to be an organisation.
/// </summary>
public static partial class NaturalPerson
{
    /// <summary>The PGB agreement types under which a budget holder engages a person rather than an institution.</summary>
    public static readonly IReadOnlySet<string> PersonKinds = new HashSet<string>(StringComparer.Ordinal) { "arbeidsovereenkomst", "opdracht", "familie" };

    [GeneratedRegex(@"^\s*(?:[A-Z]\.\s?){1,4}\s*(?:(?:van|de|der|den|het|ter|ten|te|in|'t|la|le|du|da|di|von|el)\s+)*[A-Z][\p{L}'-]+(?:-[A-Z][\p{L}'-]+)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex PersonName();

    [GeneratedRegex(@"\b(?:eenmanszaak|zzp|zzp'er|h\.?o\.?d\.?n\.?|handelend onder de naam|mantelzorg\w*)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OnePersonBusiness();

    /// <param name="soort">The provider's kind as its peer group has it (<c>instelling</c>, <c>opdracht</c>, …); null when not known.</param>
    /// <param name="naam">The provider's name.</param>
    public static bool Is(string? soort, string naam) =>
        (soort is not null && PersonKinds.Contains(soort)) || PersonName().IsMatch(naam) || OnePersonBusiness().IsMatch(naam);

    /// <summary>
    /// A published signal: the run's mark; a signal of a run from before the run marked persons has no kind
    /// recorded, so only its name can tell.
    /// </summary>
    public static bool Is(Signal signal) => signal.NatuurlijkPersoon || Is(null, signal.AanbiederNaam);
}
