using System.Text.RegularExpressions;

namespace ZorgfraudeSignalen.Portal;

/// <summary>
/// A provider that is a natural person (a zzp'er, an eenmanszaak, a family carer paid from a PGB) is marked as such:
/// a signal about them is a signal about a person. The extracts carry no legal form, so the portal recognises one by
/// its name: initials followed by a surname ("F. van der Meer"), or a one-person business's words (eenmanszaak, zzp,
/// h.o.d.n.). A recognised person is marked; an unrecognised one is not proven to be an organisation.
/// </summary>
public static partial class NatuurlijkPersoon
{
    [GeneratedRegex(@"^\s*(?:[A-Z]\.\s?){1,4}\s*(?:(?:van|de|der|den|het|ter|ten|te|in|'t|la|le|du|da|di|von|el)\s+)*[A-Z][\p{L}'-]+(?:-[A-Z][\p{L}'-]+)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Persoonsnaam();

    [GeneratedRegex(@"\b(?:eenmanszaak|zzp|zzp'er|h\.?o\.?d\.?n\.?|handelend onder de naam|mantelzorg\w*)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Eenpersoonszaak();

    public static bool Is(string naam) => Persoonsnaam().IsMatch(naam) || Eenpersoonszaak().IsMatch(naam);

    /// <summary>The small mark in lists.</summary>
    public static Html Label(string naam) => Is(naam)
        ? Html.H($"<span class=\"persoon\" title=\"Deze aanbieder is waarschijnlijk een natuurlijk persoon\">persoon</span>")
        : Html.Leeg;

    /// <summary>The line on the signal's page about the extra care it asks.</summary>
    public static Html Melding(string naam) => Is(naam)
        ? Html.H($"""
            <p class="melding persoonmelding" role="note"><b>Dit signaal gaat over een persoon.</b> Deze aanbieder is waarschijnlijk een natuurlijk persoon
            (zzp'er, eenmanszaak of mantelzorger met een pgb). Wees extra zorgvuldig: een signaal over een persoon raakt iemands inkomen en naam.
            Zoek eerst een gewone verklaring (een familielid dat zorgt, één zorgvrager op hetzelfde adres) en noem in uw motivering wat u heeft nagegaan.</p>
            """)
        : Html.Leeg;
}
