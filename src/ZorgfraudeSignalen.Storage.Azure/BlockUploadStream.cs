using System.Text;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace ZorgfraudeSignalen.Storage.Azure;

/// <summary>
/// A write-only stream that stages a block blob's blocks as it fills and commits them only on
/// <see cref="CommitAsync"/>. Nothing becomes visible before the commit; blocks of an abandoned upload stay
/// uncommitted and are discarded by the service.
/// </summary>
internal sealed class BlockUploadStream(BlockBlobClient blob, CancellationToken ct) : Stream
{
    private const int BlockSize = 4 << 20;
    private readonly string _uploadId = Guid.NewGuid().ToString("N"); // distinct block ids for concurrent writers
    private readonly List<string> _blocks = [];
    private readonly MemoryStream _buffer = new();
    private long _length;
    private bool _committed;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => !_committed;
    public override long Length => _length;
    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var take = Math.Min(buffer.Length, BlockSize - (int)_buffer.Length);
            _buffer.Write(buffer[..take]);
            _length += take;
            buffer = buffer[take..];
            if (_buffer.Length == BlockSize) StageAsync().GetAwaiter().GetResult();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            var take = Math.Min(buffer.Length, BlockSize - (int)_buffer.Length);
            _buffer.Write(buffer.Span[..take]);
            _length += take;
            buffer = buffer[take..];
            if (_buffer.Length == BlockSize) await StageAsync();
        }
    }

    public override void Flush() { }
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Makes the content visible as the blob's new content, whole.</summary>
    public async Task CommitAsync()
    {
        if (_committed) return;
        if (_blocks.Count == 0)
        {
            _buffer.Position = 0;
            await blob.UploadAsync(_buffer, new BlobUploadOptions(), ct); // one request for small blobs
        }
        else
        {
            if (_buffer.Length > 0) await StageAsync();
            await blob.CommitBlockListAsync(_blocks, new CommitBlockListOptions(), ct);
        }
        _committed = true;
    }

    private async Task StageAsync()
    {
        var id = Convert.ToBase64String(Encoding.ASCII.GetBytes($"{_uploadId}{_blocks.Count:D6}"));
        _buffer.Position = 0;
        await blob.StageBlockAsync(id, _buffer, new BlockBlobStageBlockOptions(), ct);
        _blocks.Add(id);
        _buffer.SetLength(0);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
