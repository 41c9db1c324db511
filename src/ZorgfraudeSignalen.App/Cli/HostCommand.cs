using System.CommandLine;
using ZorgfraudeSignalen.App.Functions;
using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Storage.Azure;

namespace ZorgfraudeSignalen.App.Cli;

/// <summary>
/// <c>host</c>: the Azure Functions custom handler (host.json starts <c>zfs host</c>). Serves the functions and the
/// portal on 127.0.0.1 at <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>, on Azure storage when <c>ZfsStorage</c> is
/// configured and on the local store otherwise.
/// </summary>
public static class HostCommand
{
    public static Command Create()
    {
        var command = new Command("host", "Start de server voor Azure Functions (custom handler) op FUNCTIONS_CUSTOMHANDLER_PORT.");
        command.SetAction(async (parse, ct) =>
        {
            RiskRunSchedule schedule;
            int port;
            try
            {
                var portText = Environment.GetEnvironmentVariable(FunctionApp.PortSetting);
                if (!int.TryParse(portText, out port) || port is <= 0 or > 65535)
                    throw new FormatException($"{FunctionApp.PortSetting} is '{portText}'; the Functions host sets it to the port this server must listen on.");
                schedule = RiskRunSchedule.Parse(Environment.GetEnvironmentVariable(RiskRunSchedule.Setting));
            }
            catch (FormatException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return 2;
            }

            var azure = AzureStoreOptions.FromEnvironment();
            var store = azure is not null ? AzureStore.Open(azure) : StoreOption.Open(parse);
            var extracts = azure?.ContainerName(StoreNames.ExtractsContainer) ?? StoreNames.ExtractsContainer;
            await using var app = FunctionApp.Build(port, store, schedule, extracts);
            await app.RunAsync(ct);
            return 0;
        });
        return command;
    }
}
