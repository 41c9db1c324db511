using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.App.Tests.Portal;

/// <summary>The JSON API against the real server: every rule of the state machine, every role.</summary>
public sealed class ApiTests(PortalServer server) : IClassFixture<PortalServer>
{
    private const string Goed = "Bezoek ter plaatse en dossier bekeken: de cliënten wonen in een erkende woonvorm met eigen huurcontracten.";
    private static readonly string Morgen = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd");

    private HttpClient Anna => server.Client("Anna", Rol.Beoordelaar);
    private HttpClient Bob => server.Client("Bob", Rol.TweedeBeoordelaar);
    private HttpClient Carla => server.Client("Carla", "beoordelaar,tweede_beoordelaar");

    private static string Pad(Signal s, string actie = "") => $"/api/runs/{s.RunId}/signalen/{Uri.EscapeDataString(s.AanbiederId)}{actie}";

    private static Task<HttpResponseMessage> Beoordeel(HttpClient c, Signal s, string uitkomst, string motivering = Goed, string? tot = null, int versie = 0) =>
        c.WijzigAsync(Pad(s, "/beoordeling"), new { uitkomst, motivering, verlooptOp = tot }, versie);

    private static Task<HttpResponseMessage> Tweede(HttpClient c, Signal s, string actie, int versie, string motivering = Goed) =>
        c.WijzigAsync(Pad(s, "/" + actie), new { motivering }, versie);

    private static async Task<string> Status(HttpResponseMessage r) => (await PortalServer.JsonAsync(r)).GetProperty("status").GetString()!;

    [Fact]
    public async Task A_first_assessment_records_outcome_reviewer_time_and_audit_entry()
    {
        var s = server.Signaal(0);
        var r = await Beoordeel(Anna, s, Uitkomst.GeenAanwijzing);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var body = await PortalServer.JsonAsync(r);
        Assert.Equal(ReviewStatus.GeenAanwijzing, body.GetProperty("status").GetString());
        var stap = body.GetProperty("stappen")[0];
        Assert.Equal("dev:anna", stap.GetProperty("doorId").GetString());
        Assert.Equal(Rol.Beoordelaar, stap.GetProperty("rol").GetString());
        Assert.True(DateTimeOffset.UtcNow - stap.GetProperty("op").GetDateTimeOffset() < TimeSpan.FromMinutes(1));

        var audit = await server.AuditAsync();
        var entry = Assert.Single(audit, e => e.Action == Core.Audit.AuditActions.Beoordeling && e.Details["naar"] == ReviewStatus.GeenAanwijzing && e.Subject.EndsWith(s.AanbiederId));
        Assert.Equal("dev:anna", entry.Actor);
        Assert.DoesNotContain(Goed, string.Join("", entry.Details.Values)); // only the rationale's hash
        Assert.Null(await new Core.Audit.AuditLog(server.Store.Tables).VerifyAsync());

        var lijst = await PortalServer.JsonAsync(await Anna.GetAsync($"/api/runs/{s.RunId}/signalen?status=geen_aanwijzing"));
        Assert.Contains(lijst.GetProperty("signalen").EnumerateArray(), x => x.GetProperty("aanbiederId").GetString() == s.AanbiederId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Akkoord.")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("test test test test test test test test test test test")]
    [InlineData("1234567890 1234567890 1234567890 1234567890 1234567890")]
    public async Task A_rationale_that_says_nothing_is_refused_and_nothing_changes(string motivering)
    {
        var s = server.Signaal(1);
        var r = await Beoordeel(Anna, s, Uitkomst.GeenAanwijzing, motivering);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
        Assert.Contains("motivering", (await PortalServer.JsonAsync(r)).GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        var detail = await PortalServer.JsonAsync(await Anna.GetAsync(Pad(s)));
        Assert.Equal(ReviewStatus.TeBeoordelen, detail.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Set_aside_needs_an_expiry_date_in_the_future_and_within_two_years()
    {
        var s = server.Signaal(2);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Beoordeel(Anna, s, Uitkomst.BuitenBeschouwing)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Beoordeel(Anna, s, Uitkomst.BuitenBeschouwing, tot: DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd"))).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Beoordeel(Anna, s, Uitkomst.BuitenBeschouwing, tot: DateTime.UtcNow.AddYears(3).ToString("yyyy-MM-dd"))).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Beoordeel(Anna, s, Uitkomst.GeenAanwijzing, tot: Morgen)).StatusCode);
        var ok = await Beoordeel(Anna, s, Uitkomst.BuitenBeschouwing, tot: Morgen);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(ReviewStatus.BuitenBeschouwing, await Status(ok));
    }

    [Fact]
    public async Task Escalation_takes_effect_only_when_a_different_second_reviewer_confirms()
    {
        var s = server.Signaal(5);
        var voorstel = await Beoordeel(Carla, s, Uitkomst.NaderOnderzoek);
        Assert.Equal(ReviewStatus.NaderOnderzoekVoorgesteld, await Status(voorstel));

        // Carla holds both roles, but it is her own proposal.
        var zelf = await Tweede(Carla, s, "bevestiging", 1);
        Assert.Equal(HttpStatusCode.Forbidden, zelf.StatusCode);
        Assert.Equal("ZelfdePersoon", (await PortalServer.JsonAsync(zelf)).GetProperty("reden").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await Tweede(Carla, s, "afwijzing", 1)).StatusCode);
        // A first reviewer without the second role may not confirm anyone's proposal.
        Assert.Equal(HttpStatusCode.Forbidden, (await Tweede(Anna, s, "bevestiging", 1)).StatusCode);
        // No new first assessment while a proposal waits.
        Assert.Equal(HttpStatusCode.Conflict, (await Beoordeel(Anna, s, Uitkomst.GeenAanwijzing, versie: 1)).StatusCode);

        var bevestigd = await Tweede(Bob, s, "bevestiging", 1);
        Assert.Equal(HttpStatusCode.OK, bevestigd.StatusCode);
        var body = await PortalServer.JsonAsync(bevestigd);
        Assert.Equal(ReviewStatus.NaderOnderzoek, body.GetProperty("status").GetString());
        Assert.Equal("dev:bob", body.GetProperty("stappen")[1].GetProperty("doorId").GetString());
        Assert.Contains(await server.AuditAsync(), e => e.Action == Core.Audit.AuditActions.Bevestiging && e.Details["naar"] == ReviewStatus.NaderOnderzoek && e.Actor == "dev:bob");

        // Under investigation: nothing more happens here.
        Assert.Equal(HttpStatusCode.Conflict, (await Tweede(Anna, s, "heropening", 2)).StatusCode);
    }

    [Fact]
    public async Task A_rejected_escalation_goes_back_to_be_assessed_with_the_rationale_recorded()
    {
        var s = server.Signaal(6);
        await Beoordeel(Anna, s, Uitkomst.NaderOnderzoek);
        var afgewezen = await Tweede(Bob, s, "afwijzing", 1, "Onvoldoende grond: de verhuizingen vallen samen met de sluiting van een verpleeghuis in de regio.");
        Assert.Equal(HttpStatusCode.OK, afgewezen.StatusCode);
        Assert.Equal(ReviewStatus.TeBeoordelen, await Status(afgewezen));
        Assert.Equal(HttpStatusCode.Conflict, (await Tweede(Bob, s, "bevestiging", 2)).StatusCode); // nothing left to confirm
        Assert.Equal(HttpStatusCode.OK, (await Beoordeel(Anna, s, Uitkomst.GeenAanwijzing, versie: 2)).StatusCode);
    }

    [Fact]
    public async Task Assessed_signals_are_reopened_with_a_rationale_and_not_assessed_twice()
    {
        var s = server.Signaal(7);
        await Beoordeel(Anna, s, Uitkomst.GeenAanwijzing);
        Assert.Equal(HttpStatusCode.Conflict, (await Beoordeel(Anna, s, Uitkomst.NaderOnderzoek, versie: 1)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Tweede(Bob, s, "heropening", 1)).StatusCode); // second reviewer role alone may not reopen
        var heropend = await Tweede(Anna, s, "heropening", 1, "Nieuwe melding van de wijkteamcoördinator over dezelfde woning ontvangen.");
        Assert.Equal(ReviewStatus.TeBeoordelen, await Status(heropend));
        Assert.Equal(HttpStatusCode.OK, (await Beoordeel(Anna, s, Uitkomst.NaderOnderzoek, versie: 2)).StatusCode);
    }

    [Fact]
    public async Task A_provider_that_is_not_on_the_published_list_cannot_be_assessed()
    {
        var s = server.Signaal(0) with { AanbiederId = "NIET-GEPUBLICEERD" };
        var r = await Beoordeel(Anna, s, Uitkomst.NaderOnderzoek);
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_save_against_an_older_version_fails_its_precondition_and_shows_the_current_state()
    {
        var s = server.Signaal(8);
        await Beoordeel(Anna, s, Uitkomst.NaderOnderzoek);
        var r = await Beoordeel(Carla, s, Uitkomst.GeenAanwijzing, versie: 0);
        Assert.Equal(HttpStatusCode.PreconditionFailed, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        Assert.Equal("\"1\"", r.Headers.ETag?.ToString());
        var body = await PortalServer.JsonAsync(r);
        Assert.Contains("Anna", body.GetProperty("detail").GetString());
        Assert.Equal(ReviewStatus.NaderOnderzoekVoorgesteld, body.GetProperty("huidig").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Two_reviewers_saving_at_once_end_in_one_save_and_one_failed_precondition()
    {
        for (var i = 9; i < 13; i++)
        {
            var s = server.Signaal(i);
            var eerste = Beoordeel(Anna, s, Uitkomst.GeenAanwijzing);
            var tweede = Beoordeel(Carla, s, Uitkomst.NaderOnderzoek);
            var codes = (await Task.WhenAll(eerste, tweede)).Select(r => r.StatusCode).Order().ToList();
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], codes);
            var stored = await PortalServer.JsonAsync(await Anna.GetAsync(Pad(s)));
            Assert.Equal(1, stored.GetProperty("beoordeling").GetProperty("stappen").GetArrayLength());
        }
    }

    [Fact]
    public async Task Each_role_reaches_only_what_the_design_allows()
    {
        var s = server.Signaal(13);
        var data = server.Client("Dirk", Rol.DataEngineer);
        var auditor = server.Client("Ellen", Rol.Auditor);

        foreach (var pad in new[] { "/api/runs", $"/api/runs/{s.RunId}/signalen", Pad(s), $"/api/runs/{s.RunId}/risicolijst.csv", "/risicolijst", "/audit" })
            Assert.Equal(HttpStatusCode.Forbidden, (await data.GetAsync(pad)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await data.GetAsync("/inleesrapporten")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Beoordeel(data, s, Uitkomst.GeenAanwijzing)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/api/runs/{s.RunId}/signalen")).StatusCode);
        var gezien = await PortalServer.JsonAsync(await auditor.GetAsync(Pad(s)));
        Assert.True(gezien.GetProperty("bewijsWeggelaten").GetBoolean());
        Assert.Equal(0, gezien.GetProperty("detail").GetProperty("panden").GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, (await Beoordeel(auditor, s, Uitkomst.GeenAanwijzing)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Tweede(auditor, s, "bevestiging", 0)).StatusCode);
        var audit = await auditor.GetAsync("/api/audit");
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        Assert.True((await PortalServer.JsonAsync(audit)).GetProperty("ketenHeel").GetBoolean());

        Assert.Equal(HttpStatusCode.Forbidden, (await Anna.GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Bob.WijzigAsync(Pad(s, "/beoordeling"), new { uitkomst = "geen_aanwijzing", motivering = Goed }, 0)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Anna.GetAsync("/inleesrapporten")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Bob.GetAsync(Pad(s))).StatusCode);
    }

    [Fact]
    public async Task Viewing_client_level_evidence_is_written_to_the_audit_log()
    {
        var s = server.Signaal(14);
        await Bob.GetAsync(Pad(s));
        await Anna.GetAsync(Weergave(s));
        var views = (await server.AuditAsync()).Where(e => e.Action == Core.Audit.AuditActions.Inzage && e.Subject.EndsWith("/" + s.AanbiederId)).ToList();
        Assert.Contains(views, e => e.Actor == "dev:bob" && e.Details["kanaal"] == "api");
        Assert.Contains(views, e => e.Actor == "dev:anna" && e.Details["kanaal"] == "portaal");
    }

    private static string Weergave(Signal s) => $"/signalen/{s.RunId}/{Uri.EscapeDataString(s.AanbiederId)}";

    [Fact]
    public async Task A_form_post_without_its_anti_forgery_token_is_refused()
    {
        var s = server.Signaal(15);
        var r = await Anna.PostAsync(Weergave(s), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["actie"] = "beoordelen", ["uitkomst"] = "geen_aanwijzing", ["motivering"] = Goed, ["versie"] = "0",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var detail = await PortalServer.JsonAsync(await Anna.GetAsync(Pad(s)));
        Assert.Equal(ReviewStatus.TeBeoordelen, detail.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Provider_names_are_html_encoded_on_every_page()
    {
        var s = server.Details.Select(d => d.Signal).Single(x => x.AanbiederNaam == PortalServer.XssNaam);
        foreach (var pad in new[] { Weergave(s), $"/risicolijst?run={s.RunId}&per=500" })
        {
            var html = await Anna.GetStringAsync(pad);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
            Assert.DoesNotContain("<script>", html);
        }
    }

    [Fact]
    public async Task The_export_has_current_statuses_decimal_commas_a_bom_and_no_formulas()
    {
        var s = server.Signaal(16);
        await Beoordeel(Anna, s, Uitkomst.NaderOnderzoek);
        var r = await Anna.GetAsync($"/export/{PortalServer.Run}/risicolijst.csv");
        Assert.Equal("text/csv", r.Content.Headers.ContentType?.MediaType);
        var bytes = await r.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var regels = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(';', RisicolijstExport.Kolommen), regels[0]);
        Assert.Equal(server.Details.Count + 1, regels.Length);
        var rij = regels.Select(Velden).Single(v => v[1] == s.AanbiederId);
        Assert.Equal(ReviewStatus.NaderOnderzoekVoorgesteld, rij[8]);
        Assert.Equal(s.Risicoscore.ToString("0.##", System.Globalization.CultureInfo.GetCultureInfo("nl-NL")), rij[3]);
        var formule = regels.Single(l => l.Contains("HYPERLINK"));
        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\";\"\"klik\"\")\"", formule);
        Assert.All(regels.Skip(1).Select(Velden), v => Assert.Equal(10, v.Count));
        Assert.DoesNotContain(regels.Skip(1).Select(Velden), v => v[2].StartsWith('='));
        Assert.Contains(await server.AuditAsync(), e => e.Action == Core.Audit.AuditActions.Export);
    }

    /// <summary>A quote-aware split of one CSV line (no line breaks inside cells in this data).</summary>
    private static List<string> Velden(string regel)
    {
        var velden = new List<string>();
        var veld = new StringBuilder();
        var binnen = false;
        for (var i = 0; i < regel.Length; i++)
        {
            var c = regel[i];
            if (binnen && c == '"' && i + 1 < regel.Length && regel[i + 1] == '"') { veld.Append('"'); i++; }
            else if (c == '"') binnen = !binnen;
            else if (c == ';' && !binnen) { velden.Add(veld.ToString()); veld.Clear(); }
            else veld.Append(c);
        }
        velden.Add(veld.ToString());
        return velden;
    }

    [Fact]
    public async Task The_api_is_described_by_openapi()
    {
        var r = await Anna.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var paths = (await PortalServer.JsonAsync(r)).GetProperty("paths");
        foreach (var p in new[] { "/api/runs/{runId}/signalen", "/api/runs/{runId}/signalen/{aanbiederId}/beoordeling", "/api/runs/{runId}/signalen/{aanbiederId}/bevestiging", "/api/runs/{runId}/risicolijst.csv" })
            Assert.True(paths.TryGetProperty(p, out _), p);
    }

    [Fact]
    public async Task A_reflag_on_unchanged_facts_is_marked_and_a_valid_set_aside_carries_over()
    {
        var gezet = server.Details.Select(d => d.Signal).Where(x => x.Status == ReviewStatus.TeBeoordelen).Skip(20).Take(2).ToList();
        Signal Eerder(Signal x) => x with { RunId = PortalServer.EerdereRun };
        Assert.Equal(HttpStatusCode.OK, (await Beoordeel(Anna, Eerder(gezet[0]), Uitkomst.GeenAanwijzing)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Beoordeel(Anna, Eerder(gezet[1]), Uitkomst.BuitenBeschouwing, tot: Morgen)).StatusCode);

        var lijst = await PortalServer.JsonAsync(await Anna.GetAsync($"/api/runs/{PortalServer.Run}/signalen?per=500"));
        var rijen = lijst.GetProperty("signalen").EnumerateArray().ToDictionary(x => x.GetProperty("aanbiederId").GetString()!);
        var a = rijen[gezet[0].AanbiederId];
        Assert.Equal("OngewijzigdHerhaald", a.GetProperty("herhaling").GetString());
        Assert.Equal(ReviewStatus.TeBeoordelen, a.GetProperty("status").GetString());
        Assert.Equal(ReviewStatus.GeenAanwijzing, a.GetProperty("eerder").GetProperty("status").GetString());
        var b = rijen[gezet[1].AanbiederId];
        Assert.Equal(ReviewStatus.BuitenBeschouwing, b.GetProperty("status").GetString());
        Assert.True(b.GetProperty("overgenomen").GetBoolean());
        Assert.Equal("Nieuw", rijen[server.Signaal(30).AanbiederId].GetProperty("herhaling").GetString());

        var detail = await PortalServer.JsonAsync(await Anna.GetAsync(Pad(gezet[0])));
        Assert.Equal(PortalServer.EerdereRun, detail.GetProperty("eerdereRuns")[0].GetProperty("runId").GetString());
    }
}

/// <summary>Outside development mode only the platform's principal header counts.</summary>
public sealed class PlatformIdentityTests(PlatformPortalServer server) : IClassFixture<PlatformPortalServer>
{
    private static string Principal(string id, string naam, params string[] rollen) => Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
    {
        auth_typ = "aad",
        name_typ = "name",
        role_typ = "roles",
        claims = new[] { new { typ = "http://schemas.microsoft.com/identity/claims/objectidentifier", val = id }, new { typ = "name", val = naam } }
            .Concat(rollen.Select(r => new { typ = "roles", val = r })).ToArray(),
    })));

    [Fact]
    public async Task Without_the_principal_header_nothing_is_served_and_development_headers_are_ignored()
    {
        var client = server.Client("Anna", Rol.Beoordelaar); // dev headers: must not count here
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/runs")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/risicolijst")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/openapi/v1.json")).StatusCode);
        var html = await (await client.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Ontwikkelmodus", html);
    }

    [Fact]
    public async Task The_principal_header_gives_identity_and_roles()
    {
        using var client = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        client.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL", Principal("0f8fad5b-d9cb-469f-a165-70867728950e", "Femke de Vries", Rol.Beoordelaar, "onbekende_rol"));
        var ik = await PortalServer.JsonAsync(await client.GetAsync("/api/ik"));
        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", ik.GetProperty("id").GetString());
        Assert.Equal("Femke de Vries", ik.GetProperty("naam").GetString());
        Assert.Equal(new[] { Rol.Beoordelaar }, ik.GetProperty("rollen").EnumerateArray().Select(x => x.GetString()!).ToArray());
        Assert.False(ik.GetProperty("ontwikkelmodus").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/runs")).StatusCode);

        using var engineer = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        engineer.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL", Principal("7c9e6679-7425-40de-944b-e07fc1f90ae7", "Gert", Rol.DataEngineer));
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync("/api/runs")).StatusCode);

        using var kapot = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        kapot.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL", "dit is geen base64");
        Assert.Equal(HttpStatusCode.Unauthorized, (await kapot.GetAsync("/api/runs")).StatusCode);
    }
}
