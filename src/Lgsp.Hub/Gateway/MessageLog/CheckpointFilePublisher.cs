using System.Text;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Gateway.MessageLog;

/// <summary>
/// Appends each checkpoint as one JSON line to <see cref="MessageLogCheckpointOptions.FilePath"/>: opened for appending
/// only, written in one call and fsync'd before the checkpoint counts as published. Each instance writes the checkpoints
/// it signed to its own file (the auditor reads them all, or the Kafka topic that has every instance's).
/// </summary>
internal sealed class CheckpointFilePublisher(IOptions<GatewayOptions> options, IHostEnvironment environment) : IMessageLogCheckpointPublisher
{
    private readonly Lock _gate = new();

    public string Name => "file";

    public string FilePath { get; } = Path.GetFullPath(options.Value.MessageLog.Checkpoints.FilePath, environment.ContentRootPath);

    public async Task PublishAsync(MessageLogCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var line = Encoding.UTF8.GetBytes(checkpoint.ToSigned().ToLine() + "\n");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Append(line);
                return;
            }
            catch (IOException) when (attempt < 50)
            {
                // Another process (an instance sharing this folder) has the file open for its own line.
                await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
            }
        }
    }

    private void Append(byte[] line)
    {
        lock (_gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            using var stream = new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.Read);
            stream.Write(line);
            stream.Flush(flushToDisk: true);
        }
    }
}
