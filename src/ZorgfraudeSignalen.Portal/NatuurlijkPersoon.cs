using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.Portal;

/// <summary>
/// A provider that is a natural person (a zzp'er, an eenmanszaak, a family carer paid from a PGB) is marked as such:
/// a signal about them is a signal about a person. Who counts as a person is decided once, in Core
/// (<see cref="NaturalPerson"/>), the same rule the learning uses.
/// </summary>
public static class NatuurlijkPersoon
{
    /// <summary>The small mark in lists.</summary>
    public static Html Label(Signal s) => NaturalPerson.Is(s)
        ? Html.H($"<span class=\"persoon\" title=\"Deze aanbieder is waarschijnlijk een natuurlijk persoon\">persoon</span>")
        : Html.Leeg;

    /// <summary>The line on the signal's page about the extra care it asks.</summary>
    public static Html Melding(Signal s) => NaturalPerson.Is(s)
        ? Html.H($"""
            <p class="melding persoonmelding" role="note"><b>Dit signaal gaat over een persoon.</b> Deze aanbieder is waarschijnlijk een natuurlijk persoon
            (zzp'er, eenmanszaak of mantelzorger met een pgb). Wees extra zorgvuldig: een signaal over een persoon raakt iemands inkomen en naam.
            Zoek eerst een gewone verklaring (een familielid dat zorgt, één zorgvrager op hetzelfde adres) en noem in uw motivering wat u heeft nagegaan.</p>
            """)
        : Html.Leeg;
}
