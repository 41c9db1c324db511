using System.CommandLine;
using ZorgfraudeSignalen.App.Cli;

namespace ZorgfraudeSignalen.App.Tests;

/// <summary>Runs verbs the way Program.cs wires them, against a store folder, capturing what they print.</summary>
internal static class CliRunner
{
    public static async Task<(int Exit, string Output, string Error)> RunAsync(string storeRoot, Command verb, params string[] args)
    {
        var root = new RootCommand { StoreOption.Instance, verb };
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliPipeline.InvokeAsync(root, [.. args, "--store", storeRoot], new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
