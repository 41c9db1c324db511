using System.CommandLine;
using ZorgfraudeSignalen.Core.Deliveries;
using ZorgfraudeSignalen.Core.Register;
using ZorgfraudeSignalen.Core.Retention;

namespace ZorgfraudeSignalen.App.Cli;

/// <summary>
/// <c>dpia [--uit BESTAND] [--run RUN_ID]</c>: the factual parts of the DPIA and IAMA in Dutch (Markdown), generated
/// from the configuration of the latest recorded run (or the given one), the retention period and the delivery settings.
/// </summary>
public static class DpiaCommand
{
    public static Command Create()
    {
        var file = new Option<string?>("--uit") { Description = "Schrijf de DPIA (Markdown) naar dit bestand in plaats van naar het scherm." };
        var runId = new Option<string?>("--run") { Description = "Beschrijf de configuratie van deze run (standaard: de laatst vastgelegde run, of de standaardconfiguratie als er nog geen is)." };
        var command = new Command("dpia", "Genereer de feitelijke delen van de DPIA en IAMA uit de werkelijke configuratie; wat alleen mensen kunnen invullen, blijft gemarkeerd open.") { file, runId };
        command.SetAction(async (parse, ct) =>
        {
            var bron = await DpiaSources.FromStoreAsync(StoreOption.Open(parse), DeliverySettings.FromEnvironment(), RetentionSettings.FromEnvironment().GeenAanwijzing, parse.GetValue(runId), ct);
            if (bron is null)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"Run {parse.GetValue(runId)} is niet vastgelegd.");
                return 2;
            }
            var markdown = DpiaDocument.Generate(bron).ToMarkdown();
            if (parse.GetValue(file) is { } path)
            {
                var map = Path.GetDirectoryName(Path.GetFullPath(path));
                if (map is not null) Directory.CreateDirectory(map);
                await File.WriteAllTextAsync(path, markdown, ct);
                await parse.InvocationConfiguration.Output.WriteLineAsync($"Geschreven: {Path.GetFullPath(path)}");
            }
            else await parse.InvocationConfiguration.Output.WriteAsync(markdown);
            return 0;
        });
        return command;
    }
}
