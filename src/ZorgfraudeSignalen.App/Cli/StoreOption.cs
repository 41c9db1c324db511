using System.CommandLine;
using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Core.Storage.Local;

namespace ZorgfraudeSignalen.App.Cli;

/// <summary>The <c>--store</c> option every verb shares: the folder of the embedded local store.</summary>
public static class StoreOption
{
    public static readonly Option<string> Instance = new("--store")
    {
        Description = "Map van de lokale opslag (standaard: ZFS_STORE of ./.zfs).",
        Recursive = true,
    };

    public static Store Open(ParseResult parse) => LocalStore.Open(parse.GetValue(Instance));
}
