using System.Text;
using System.Text.Json;
using FsCheck.Xunit;
using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Portal;

namespace ZorgfraudeSignalen.App.Tests.Portal;

/// <summary>
/// The identity rule as a property: a person is their normalised id. However the platform spells one oid (case,
/// spaces, braces, with or without hyphens, a nameidentifier claim in front) or a developer types one name (case,
/// spaces), the second step of four eyes is refused to that person, and allowed to anyone else.
/// </summary>
public sealed class IdentityPropertyTests
{
    private const string Motivering = "Vijf cliënten verhuisden kort voor de zorgstart naar het pand van de vestiging; graag nader onderzoek.";
    private static readonly DateTimeOffset Nu = new(2026, 2, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] BeideRollen = [Rol.Beoordelaar, Rol.TweedeBeoordelaar];

    /// <summary>Proposes further investigation as one reviewer and confirms it as another.</summary>
    private static Overgang VoorstelEnBevestiging(Reviewer voorsteller, Reviewer bevestiger)
    {
        var voorstel = ReviewStateMachine.Pas(Beoordeling.Nieuw("r", "a", "h"), new Beoordeel(Uitkomst.NaderOnderzoek, Motivering), voorsteller, Nu);
        Assert.True(voorstel.Toegestaan, voorstel.Melding);
        return ReviewStateMachine.Pas(voorstel.Nieuw!, new BevestigEscalatie(Motivering), bevestiger, Nu);
    }

    /// <summary>One of the ways a GUID reaches us: any format, any case per character, white space anywhere.</summary>
    private static string Spelling(Guid oid, int seed)
    {
        var rnd = new Random(seed);
        var tekst = oid.ToString(new[] { "D", "N", "B", "P" }[rnd.Next(4)]);
        var sb = new StringBuilder();
        string[] wit = [" ", "  ", "\t", "\u00a0"];
        if (rnd.Next(3) == 0) sb.Append(wit[rnd.Next(wit.Length)]);
        foreach (var c in tekst)
        {
            sb.Append(rnd.Next(2) == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
            if (rnd.Next(8) == 0) sb.Append(wit[rnd.Next(wit.Length)]);
        }
        return sb.ToString();
    }

    private static string Principal(string oid, int seed)
    {
        var rnd = new Random(seed);
        var claims = new List<object>();
        // A per-application id in front of the oid must not identify: it differs per spelling here on purpose.
        if (rnd.Next(2) == 0) claims.Add(new { typ = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier", val = "ni-" + rnd.Next() });
        if (rnd.Next(2) == 0) claims.Add(new { typ = "sub", val = "sub-" + rnd.Next() });
        claims.Add(new { typ = rnd.Next(2) == 0 ? "oid" : "http://schemas.microsoft.com/identity/claims/objectidentifier", val = oid });
        claims.Add(new { typ = "name", val = "Anna de Wit" });
        claims.AddRange(BeideRollen.Select(r => new { typ = "roles", val = r }));
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { auth_typ = "aad", name_typ = "name", role_typ = "roles", claims })));
    }

    [Property(MaxTest = 300)]
    public bool Two_spellings_of_one_oid_are_one_person_and_cannot_take_both_steps(Guid oid, int seedA, int seedB)
    {
        var a = PortalAuthenticationHandler.LeesPrincipal(Principal(Spelling(oid, seedA), seedA));
        var b = PortalAuthenticationHandler.LeesPrincipal(Principal(Spelling(oid, seedB), seedB));
        return a.Id == oid.ToString("D") && b.Id == a.Id && VoorstelEnBevestiging(a, b).Weigering == Weigering.ZelfdePersoon;
    }

    [Property(MaxTest = 100)]
    public bool Two_different_oids_are_two_people(Guid oidA, Guid oidB, int seed)
    {
        if (oidA == oidB) return true;
        var a = PortalAuthenticationHandler.LeesPrincipal(Principal(Spelling(oidA, seed), seed));
        var b = PortalAuthenticationHandler.LeesPrincipal(Principal(Spelling(oidB, seed + 1), seed + 1));
        return VoorstelEnBevestiging(a, b).Toegestaan;
    }

    private const string Letters = "abcdefghijklmnopqrstuvwxyzéëïöü";

    /// <summary>A development name from a seed: one to three words of Dutch letters.</summary>
    private static string Naam(int seed)
    {
        var rnd = new Random(seed);
        return string.Join(' ', Enumerable.Range(0, 1 + rnd.Next(3)).Select(_ => new string(Enumerable.Range(0, 2 + rnd.Next(8)).Select(_ => Letters[rnd.Next(Letters.Length)]).ToArray())));
    }

    private static string Getypt(string naam, int seed)
    {
        var rnd = new Random(seed);
        var sb = new StringBuilder(new string(' ', rnd.Next(3)));
        foreach (var c in naam) sb.Append(c == ' ' ? new string(' ', 1 + rnd.Next(3)) : rnd.Next(2) == 0 ? char.ToUpperInvariant(c) : c);
        return sb.Append(new string(' ', rnd.Next(3))).ToString();
    }

    private static Reviewer Ontwikkelaar(string getypt)
    {
        var id = OntwikkelIdentiteit.Maak(getypt, "beoordelaar,tweede_beoordelaar");
        return new Reviewer(PersoonsId.VanOntwikkelnaam(id.Naam), id.Naam, id.Rollen);
    }

    [Property(MaxTest = 300)]
    public bool Two_spellings_of_one_development_name_are_one_person(int naamSeed, int seedA, int seedB)
    {
        var naam = Naam(naamSeed);
        var a = Ontwikkelaar(Getypt(naam, seedA));
        var b = Ontwikkelaar(Getypt(naam, seedB));
        return a.Id == b.Id && VoorstelEnBevestiging(a, b).Weigering == Weigering.ZelfdePersoon;
    }

    [Fact]
    public void An_id_recorded_before_the_rule_still_matches_its_person()
    {
        var oid = Guid.NewGuid();
        Assert.True(PersoonsId.Zelfde("{" + oid.ToString().ToUpperInvariant() + "}", oid.ToString("N")));
        Assert.True(PersoonsId.Zelfde("dev:Anna", "dev: ANNA "));
        Assert.False(PersoonsId.Zelfde("dev:anna", "dev:anne"));
        Assert.False(PersoonsId.Zelfde(oid.ToString(), Guid.NewGuid().ToString()));
    }
}
