using System.Threading.Channels;

namespace Lgsp.Hub.Gateway.MessageLog;

/// <summary>
/// Sends committed checkpoints outside the database, one at a time in the order they were signed, on a background loop
/// of its own: neither the log's writer nor a lookup ever waits for a broker or a disk. A destination's failure is logged
/// (the database has the checkpoint) and does not keep it from the others.
/// </summary>
internal sealed partial class MessageLogCheckpointPublishing(
    IEnumerable<IMessageLogCheckpointPublisher> publishers,
    ILogger<MessageLogCheckpointPublishing> logger) : Lgsp.Hub.Observability.AfterRequestsBackgroundService
{
    private readonly Channel<(IReadOnlyList<MessageLogCheckpoint> Checkpoints, TaskCompletionSource Done)> _queue =
        Channel.CreateUnbounded<(IReadOnlyList<MessageLogCheckpoint>, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues the checkpoints; completes once they, and everything queued before them, went to every destination.</summary>
    public Task PublishAsync(IReadOnlyList<MessageLogCheckpoint> checkpoints)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((checkpoints, done)))
        {
            done.TrySetCanceled();
        }

        return done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (checkpoints, done) in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await SendAsync(checkpoints, stoppingToken);
                done.TrySetResult();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping (the writer has stopped before): send what is queued, for a few seconds at most; whatever is
            // left is in the database all the same.
            _queue.Writer.TryComplete();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            while (_queue.Reader.TryRead(out var left))
            {
                try
                {
                    await SendAsync(left.Checkpoints, grace.Token);
                    left.Done.TrySetResult();
                }
                catch (OperationCanceledException)
                {
                    left.Done.TrySetCanceled(grace.Token);
                }
            }
        }
    }

    private async Task SendAsync(IReadOnlyList<MessageLogCheckpoint> checkpoints, CancellationToken cancellationToken)
    {
        foreach (var checkpoint in checkpoints)
        {
            foreach (var publisher in publishers)
            {
                try
                {
                    await publisher.PublishAsync(checkpoint, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
#pragma warning disable CA1031 // One unreachable destination must not keep the checkpoint from the others.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogPublishFailed(logger, checkpoint.Id, publisher.Name, ex);
                }
            }
        }
    }

    [LoggerMessage(EventId = 2103, Level = LogLevel.Error, Message = "Message-log checkpoint {Sequence} could not be published to {Destination}; it is in the database")]
    private static partial void LogPublishFailed(ILogger logger, long sequence, string destination, Exception exception);
}
