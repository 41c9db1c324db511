using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Storage.Azure;

namespace ZorgfraudeSignalen.Functions;

/// <summary>The app settings the functions and their bindings read (local.settings.json.example lists them all).</summary>
public static class AppSettings
{
    /// <summary>The storage connection of the pipeline's data and of the blob trigger (<c>ZfsStorage</c> or <c>ZfsStorage__accountName</c>, ...).</summary>
    public const string Storage = AzureStoreOptions.DefaultConnectionName;
    /// <summary>The extracts container as the trigger sees it: <c>extracts</c>, with <c>ZFS_STORAGE_PREFIX</c> before it when one is set.</summary>
    public const string ExtractsContainer = "ExtractsContainer";
    /// <summary>The nightly run's six-field NCRONTAB expression in UTC.</summary>
    public const string RiskRunSchedule = Functions.RiskRunSchedule.Setting;
    /// <summary>The municipality's name on the portal's pages.</summary>
    public const string Organisation = "Organisatie";

    /// <summary>
    /// The Azure store the settings name. The function app has no local fallback: its triggers read Azure storage,
    /// so a missing connection is a configuration error, said at start-up.
    /// </summary>
    public static Store OpenStore(Func<string, string?> setting) =>
        AzureStoreOptions.FromSettings(setting) is { } options
            ? AzureStore.Open(options)
            : throw new InvalidOperationException(
                $"App setting {Storage} is missing: a connection string (Azurite: UseDevelopmentStorage=true) or {Storage}__accountName with {Storage}__credential=managedidentity.");
}
