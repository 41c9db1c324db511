namespace ZorgfraudeSignalen.Core.Audit;

/// <summary>
/// The actions the audit log records, one name per kind of event, so that an auditor can filter on them
/// (docs/verantwoording.md lists them with their details). Subjects and details carry ids and SHA-256 hashes only:
/// never a client id, address or other personal data of clients.
/// </summary>
public static class AuditActions
{
    public const string IngestAccepted = "ingest.accepted";
    public const string IngestDuplicate = "ingest.duplicate";
    public const string IngestQuarantined = "ingest.quarantined";
    public const string IngestRejected = "ingest.rejected";
    /// <summary>A model run recorded, before its list is published. Subject: the run id.</summary>
    public const string RunRecorded = "risicorun.vastgelegd";
    /// <summary>A run's configuration differs from the previous run's. Details: both configuration hashes.</summary>
    public const string ConfigurationChanged = "configuratie.gewijzigd";
    public const string ListPublished = "risicolijst.gepubliceerd";
    /// <summary>Someone opened client-level evidence of a signal.</summary>
    public const string EvidenceViewed = "evidence.viewed";
    public const string ExportDownloaded = "export.downloaded";
    public const string AssessmentRecorded = "assessment.recorded";
    public const string EscalationProposed = "assessment.escalation_proposed";
    public const string EscalationConfirmed = "assessment.escalation_confirmed";
    public const string EscalationRejected = "assessment.escalation_rejected";
    public const string AssessmentReopened = "assessment.reopened";
    /// <summary>Client-level evidence removed under the retention rule. Details: the hash of what was removed.</summary>
    public const string EvidencePurged = "evidence.purged";
    /// <summary>A replay of a run by <c>verify</c>, with its outcome.</summary>
    public const string RunVerified = "risicorun.geverifieerd";
}
