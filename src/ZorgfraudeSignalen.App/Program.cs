using System.CommandLine;
using ZorgfraudeSignalen.App.Cli;

// The composition root: every verb of the local tool, and `host`, the entry point of the Azure Functions custom handler.
var root = new RootCommand("ZorgfraudeSignalen: signalen over zorgaanbieders in Wmo en PGB, ter beoordeling door mensen.")
{
    StoreOption.Instance,
    IngestCommand.Create(),
    HostCommand.Create(),
    AuditCommand.Create(),
    BenchCommand.Create(),
    GenerateCommand.Create(),
    ServeCommand.Create(),
    RegisterCommand.Create(),
    RunCommand.Create(),
    DetectCommand.Create(),
    VerifyCommand.Create(),
    PurgeCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
