using System.CommandLine;
using ZorgfraudeSignalen.Portal;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Generator;

namespace ZorgfraudeSignalen.App.Cli;

/// <summary>
/// <c>serve</c>: the review portal on 127.0.0.1. Development mode needs an explicit identity (<c>--dev-user</c> and
/// <c>--dev-role</c>); <c>--platform-auth</c> instead trusts App Service authentication's header, only behind it.
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Poort op 127.0.0.1.", DefaultValueFactory = _ => 5080 };
        var devUser = new Option<string?>("--dev-user") { Description = "Ontwikkelmodus: de naam van de ontwikkelgebruiker." };
        var devRole = new Option<string?>("--dev-role") { Description = "Ontwikkelmodus: rol(len), bijvoorbeeld beoordelaar of beoordelaar,tweede_beoordelaar." };
        var platform = new Option<bool>("--platform-auth") { Description = "Identiteit uit X-MS-CLIENT-PRINCIPAL (alleen achter App Service-authenticatie)." };
        var voorbeeld = new Option<bool>("--voorbeelddata") { Description = "Ontwikkelmodus: als er nog geen run is, een echte risicorun op gegenereerde voorbeeldextracten (40 aanbieders) publiceren." };
        var command = new Command("serve", "Start het beoordelingsportaal op 127.0.0.1.") { port, devUser, devRole, platform, voorbeeld };
        command.SetAction(async (parse, ct) =>
        {
            var fout = parse.InvocationConfiguration.Error;
            var uit = parse.InvocationConfiguration.Output;
            var user = parse.GetValue(devUser);
            var role = parse.GetValue(devRole);
            var platformAuth = parse.GetValue(platform);
            PortalOptions opties;
            if (platformAuth && (user is not null || role is not null))
            {
                fout.WriteLine("Kies óf --platform-auth óf --dev-user/--dev-role, niet beide.");
                return 2;
            }
            if (platformAuth) opties = new PortalOptions();
            else if (user is null || role is null)
            {
                fout.WriteLine("serve heeft een expliciete identiteit nodig: --dev-user NAAM --dev-role ROL (ontwikkelmodus), of --platform-auth achter App Service-authenticatie.");
                return 2;
            }
            else
            {
                try { opties = new PortalOptions { Ontwikkelmodus = OntwikkelIdentiteit.Maak(user, role) }; }
                catch (ArgumentException e) { fout.WriteLine(e.Message); return 2; }
            }
            var store = StoreOption.Open(parse);
            if (parse.GetValue(voorbeeld))
            {
                if (!opties.IsOntwikkelmodus) { fout.WriteLine("--voorbeelddata kan alleen in ontwikkelmodus."); return 2; }
                var risicolijsten = new RiskListStore(store);
                var heeftRun = false;
                await foreach (var _ in risicolijsten.PublishedRunsAsync(ct)) { heeftRun = true; break; }
                var runId = "voorbeeld-" + DateTime.UtcNow.ToString("yyyyMMddTHHmmssZ");
                if (!heeftRun)
                {
                    uit.WriteLine("Voorbeeldextracten genereren, inlezen en een risicorun publiceren …");
                    await Voorbeeldrun.PubliceerAsync(store, GeneratorOptions.ForScale("sample", 1), [runId], new Core.Run.RiskConfiguration().PublicatieDrempel, ct);
                }
            }
            var app = PortalApp.Create(store, opties, parse.GetValue(port));
            await app.StartAsync(ct);
            uit.WriteLine($"Beoordelingsportaal: {app.Adres()}/" + (opties.Ontwikkelmodus is { } d ? $"  (ontwikkelmodus: {d.Naam}, rol {string.Join(",", d.Rollen)})" : "  (identiteit uit App Service-authenticatie)"));
            uit.WriteLine("Stoppen met Ctrl+C.");
            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return command;
    }
}
