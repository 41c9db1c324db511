using System.CommandLine;
using Spectre.Console;
using ZorgfraudeSignalen.App.Cli;

// Redirected output (a log, CI) has no terminal width; tables then get room instead of 80 columns.
if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 160;

// The composition root: every verb of the local tool (the Azure function app is ZorgfraudeSignalen.Functions).
var root = new RootCommand("ZorgfraudeSignalen: signalen over zorgaanbieders in Wmo en PGB, ter beoordeling door mensen.")
{
    StoreOption.Instance,
    DemoCommand.Create(),
    IngestCommand.Create(),
    AuditCommand.Create(),
    GenerateCommand.Create(),
    ServeCommand.Create(),
    RegisterCommand.Create(),
    RunCommand.Create(),
    DetectCommand.Create(),
    VerifyCommand.Create(),
    PurgeCommand.Create(),
    StatusCommand.Create(),
    DpiaCommand.Create(),
};
// Recovery before every verb, I/O errors as a Dutch message and exit code 3: see CliPipeline.
var exitCode = await CliPipeline.InvokeAsync(root, args);
ResourceReport.WriteIfRequested();
return exitCode;
