using System.CommandLine;
using ZorgfraudeSignalen.App.Cli;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Storage.Local;

namespace ZorgfraudeSignalen.App.Tests.Ingest;

/// <summary>The <c>ingest PATH</c> verb: exit codes and what it leaves in the store.</summary>
public sealed class IngestCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("zfs-ingestcli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private const string Header = "declaratie_id;client_id;aanbieder_id;toewijzing_id;periode_start;periode_eind;productcategorie;volume;eenheid;tarief;bedrag";

    private static Task<int> Zfs(params string[] args)
    {
        var root = new RootCommand { StoreOption.Instance, IngestCommand.Create() };
        return root.Parse(args).InvokeAsync();
    }

    private string Drop(string type, string name, string content)
    {
        var path = Path.Combine(_root, "drop", "extracts", type, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task A_folder_of_good_extracts_exits_with_zero_and_a_second_run_finds_duplicates()
    {
        Drop("declaraties", "declaraties_20250131.csv", Header + "\nD1;C1;A1;T1;2025-01-01;2025-01-31;02;1;04;1;1\n");
        var store = Path.Combine(_root, "store");
        Assert.Equal(0, await Zfs("ingest", Path.Combine(_root, "drop"), "--store", store));
        Assert.Equal(0, await Zfs("ingest", Path.Combine(_root, "drop"), "--store", store));
        var catalogue = await new SnapshotCatalog(LocalStore.Open(store)).ListAsync(ExtractType.Declaraties);
        Assert.Single(catalogue);
    }

    [Fact]
    public async Task A_quarantined_extract_gives_a_non_zero_exit_code()
    {
        var file = Drop("declaraties", "declaraties_20250131.csv", Header + "\nD1;C1;A1;T1;2025-01-01;2025-01-31;02;1;99;1;1\n");
        var store = Path.Combine(_root, "store");
        Assert.Equal(IngestCommand.ExitQuarantined, await Zfs("ingest", file, "--store", store));
        Assert.Null(await new SnapshotCatalog(LocalStore.Open(store)).InForceAsync(ExtractType.Declaraties));
    }

    [Fact]
    public async Task The_threshold_and_type_can_be_given_on_the_command_line()
    {
        var file = Path.Combine(_root, "los_bestand.csv");
        File.WriteAllText(file, Header + "\nD1;C1;A1;T1;2025-01-01;2025-01-31;02;1;99;1;1\nD2;C1;A1;T1;2025-01-01;2025-01-31;02;1;04;1;1\n");
        var store = Path.Combine(_root, "store");
        Assert.Equal(IngestCommand.ExitQuarantined, await Zfs("ingest", file, "--store", store)); // no type: rejected
        Assert.Equal(0, await Zfs("ingest", file, "--type", "declaraties", "--threshold", "0.5", "--store", store));
        Assert.NotNull(await new SnapshotCatalog(LocalStore.Open(store)).InForceAsync(ExtractType.Declaraties));
        Assert.Equal(1, await Zfs("ingest", file, "--type", "declaraties", "--threshold", "5", "--store", store)); // 5 means 500 %, not 5 %
        Assert.Equal(1, await Zfs("ingest", file, "--type", "onbekend", "--store", store));
    }
}
