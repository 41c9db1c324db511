using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace ZorgfraudeSignalen.Storage.Azure;

/// <summary>
/// Where the Azure store lives and how to authenticate. Read from one connection setting, by default
/// <c>ZfsStorage</c>, in the same shape the Functions host uses for its bindings, so that the trigger and the
/// adapters share one setting (the host alone also reads <c>__queueServiceUri</c>; the adapters use blobs and tables):
/// <list type="bullet">
/// <item><c>ZfsStorage</c> = a connection string (Azurite, local development);</item>
/// <item><c>ZfsStorage__accountName</c> (or <c>__blobServiceUri</c> and <c>__tableServiceUri</c>)
/// = an identity-based connection; <c>ZfsStorage__credential</c> = <c>managedidentity</c> uses the app's managed
/// identity (system-assigned, or user-assigned with <c>ZfsStorage__clientId</c>), anything else
/// <see cref="DefaultAzureCredential"/>.</item>
/// </list>
/// <c>ZFS_STORAGE_PREFIX</c> puts a prefix before every container and table name, for side-by-side environments in
/// one account and for test isolation.
/// </summary>
public sealed partial record AzureStoreOptions
{
    public const string DefaultConnectionName = "ZfsStorage";
    public const string PrefixSetting = "ZFS_STORAGE_PREFIX";

    public string? ConnectionString { get; init; }
    public Uri? BlobServiceUri { get; init; }
    public Uri? TableServiceUri { get; init; }
    /// <summary>Used with the service URIs; ignored with a connection string.</summary>
    public TokenCredential? Credential { get; init; }

    /// <summary>Lower-case letters and digits, starting with a letter; prepended to every container and table name.</summary>
    public string NamePrefix
    {
        get;
        init => field = value is "" || NamePrefixRule().IsMatch(value)
            ? value
            : throw new ArgumentException($"Invalid storage name prefix '{value}': 1-20 lower-case letters or digits, starting with a letter.");
    } = "";

    [GeneratedRegex("^[a-z][a-z0-9]{0,19}$")]
    private static partial Regex NamePrefixRule();

    public static AzureStoreOptions FromConnectionString(string connectionString, string prefix = "") =>
        new() { ConnectionString = connectionString, NamePrefix = prefix };

    /// <summary>
    /// Reads the connection from settings (environment variables or app settings, looked up by <paramref name="setting"/>).
    /// Returns null when no Azure storage is configured, so that the caller can fall back to the local store.
    /// </summary>
    public static AzureStoreOptions? FromSettings(Func<string, string?> setting, string connectionName = DefaultConnectionName)
    {
        string? Get(string name) => setting(name) is { Length: > 0 } value ? value : null;
        var prefix = Get(PrefixSetting) ?? "";
        if (Get(connectionName) is { } connectionString)
            return FromConnectionString(connectionString, prefix);

        var account = Get($"{connectionName}__accountName");
        Uri? ServiceUri(string service) =>
            Get($"{connectionName}__{service}ServiceUri") is { } uri ? new Uri(uri)
            : account is not null ? new Uri($"https://{account}.{service}.core.windows.net")
            : null;
        var blob = ServiceUri("blob");
        var table = ServiceUri("table");
        if (blob is null && table is null) return null;
        if (blob is null || table is null)
            throw new InvalidOperationException($"Set {connectionName}__accountName, or both {connectionName}__blobServiceUri and {connectionName}__tableServiceUri.");

        TokenCredential credential = string.Equals(Get($"{connectionName}__credential"), "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? Get($"{connectionName}__clientId") is { } clientId
                ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
                : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
            : new DefaultAzureCredential();
        return new AzureStoreOptions
        {
            BlobServiceUri = blob,
            TableServiceUri = table,
            Credential = credential,
            NamePrefix = prefix,
        };
    }

    public static AzureStoreOptions? FromEnvironment() => FromSettings(Environment.GetEnvironmentVariable);

    public string ContainerName(string container) => NamePrefix + container;
    public string TableName(string table) => NamePrefix + table;

    public BlobServiceClient CreateBlobServiceClient() =>
        ConnectionString is not null ? new BlobServiceClient(ConnectionString) : new BlobServiceClient(BlobServiceUri, RequireCredential());

    public TableServiceClient CreateTableServiceClient() =>
        ConnectionString is not null ? new TableServiceClient(ConnectionString) : new TableServiceClient(TableServiceUri, RequireCredential());

    private TokenCredential RequireCredential() =>
        Credential ?? throw new InvalidOperationException("An identity-based storage connection needs a credential.");
}
