namespace ZorgfraudeSignalen.Core.Ingest;

/// <summary>The canonical binary form of accepted snapshots.</summary>
internal static class SnapshotFormat
{
    public static IEnumerable<T> Read<T>(Stream stream, SnapshotInfo info) => throw new NotImplementedException();
}
