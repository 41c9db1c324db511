namespace ZorgfraudeSignalen.Core.Audit;

/// <summary>
/// The actions the audit log records, one name per kind of event, so that an auditor can filter on them.
/// Subjects and details carry ids and SHA-256 hashes only: never a client id, address or other personal data.
/// </summary>
public static class AuditActions
{
    /// <summary>An extract accepted as a snapshot. Subject: the snapshot's SHA-256.</summary>
    public const string Ingest = "ingest";
    /// <summary>An extract quarantined. Subject: the extract's SHA-256; details: the reason code.</summary>
    public const string Quarantaine = "quarantaine";
    /// <summary>A model run recorded (before publication). Subject: the run id.</summary>
    public const string Run = "run";
    /// <summary>A run's risk list published for review. Subject: the run id; details: the list's hash.</summary>
    public const string Publicatie = "publicatie";
    /// <summary>Someone opened client-level evidence of a signal. Subject: run id and provider id.</summary>
    public const string Inzage = "inzage";
    /// <summary>A first assessment of a signal. Subject: run id and provider id.</summary>
    public const string Beoordeling = "beoordeling";
    /// <summary>A second reviewer's confirmation or rejection of an escalation.</summary>
    public const string Bevestiging = "bevestiging";
    /// <summary>Someone exported a risk list with review statuses. Subject: the run id; details: the number of rows.</summary>
    public const string Export = "export";
    /// <summary>A change to the configuration (thresholds, schedule, weights).</summary>
    public const string Configuratie = "configuratie";
    /// <summary>Client-level evidence removed under the retention rule. Details: hashes of what was removed.</summary>
    public const string Opschoning = "opschoning";
    /// <summary>
    /// Recovery rolled back an operation that a stopped process left unfinished (a run recorded but never published).
    /// Subject: the run id or snapshot; details: the intent's id and what was removed.
    /// </summary>
    public const string Herstel = "herstel";
    /// <summary>A replay of a run by <c>verify</c>, with its outcome.</summary>
    public const string Verificatie = "verificatie";
}
